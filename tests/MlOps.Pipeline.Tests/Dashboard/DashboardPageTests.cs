using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using MlOps.Pipeline.Dashboard;

namespace MlOps.Pipeline.Tests.Dashboard;

/// <summary>The dashboard is one self-contained page: script and styles inlined, no outside address, only its own script allowed to run, cacheable by ETag.</summary>
public sealed partial class DashboardPageTests
{
    private readonly DashboardPage _page = new();

    [Fact]
    public void Html_Assembled_InlinesScriptAndStylesWithoutPlaceholders()
    {
        string html = Encoding.UTF8.GetString(_page.Html.Span);

        Assert.DoesNotContain("/*{{", html, StringComparison.Ordinal);
        Assert.Contains("function render()", html, StringComparison.Ordinal);
        Assert.Contains("--accent", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_Assembled_LoadsNothingFromOutside()
    {
        string html = Encoding.UTF8.GetString(_page.Html.Span);

        Assert.DoesNotMatch(ExternalReference(), html);
    }

    [Fact]
    public async Task Serve_FirstRequest_SendsThePageWithAPolicyThatAllowsOnlyItsScript()
    {
        HttpContext context = await ServeAsync(null);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
        string html = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        string script = InlineScript().Match(html).Groups[1].Value;
        string hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"script-src 'sha256-{hash}'", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_CurrentETag_AnswersNotModified()
    {
        string etag = (await ServeAsync(null)).Response.Headers.ETag.ToString();

        HttpContext again = await ServeAsync(etag);

        Assert.Equal(304, again.Response.StatusCode);
        Assert.Equal(0, again.Response.Body.Length);
    }

    private async Task<HttpContext> ServeAsync(string? ifNoneMatch)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }

        await _page.Serve(context.Request).ExecuteAsync(context);
        return context;
    }

    [GeneratedRegex(@"(?:src|href)\s*=\s*[""']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"<script>(.*)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
