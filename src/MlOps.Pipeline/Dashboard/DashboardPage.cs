using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MlOps.Pipeline.Dashboard;

/// <summary>
/// The dashboard as one self-contained HTML document: the page, its stylesheet and its script are embedded in this
/// assembly and inlined at start-up, so the page works offline, needs no JavaScript toolchain, and loads with the one
/// request that carries the caller's key (a Functions key travels as <c>?code=</c>, which a page's own asset requests
/// would not repeat).
/// </summary>
public sealed class DashboardPage
{
    private const string ResourcePrefix = "dashboard/";

    private readonly byte[] _html;
    private readonly string _etag;
    private readonly string _contentSecurityPolicy;

    public DashboardPage()
    {
        string page = Resource("index.html");
        string style = Resource("dashboard.css");
        string script = Resource("dashboard.js");
        // Placeholders are comments, so the unassembled files stay valid HTML, CSS and JavaScript.
        page = page.Replace("/*{{dashboard.css}}*/", style, StringComparison.Ordinal).Replace("/*{{dashboard.js}}*/", script, StringComparison.Ordinal);
        _html = Encoding.UTF8.GetBytes(page);
        _etag = "\"" + Convert.ToHexString(SHA256.HashData(_html), 0, 16) + "\"";
        // Only this exact inline script may run; the page talks to its own origin alone and loads plots as blob: URLs.
        string scriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        _contentSecurityPolicy = $"default-src 'none'; script-src 'sha256-{scriptHash}'; style-src 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /// <summary>The assembled page, for tests and for hosts that cache it.</summary>
    public ReadOnlyMemory<byte> Html => _html;

    /// <summary>The page, or 304 when the caller's copy is current.</summary>
    public IResult Serve(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PageResult(this, request.Headers.IfNoneMatch.Contains(_etag));
    }

    private static string Resource(string name)
    {
        using Stream stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The dashboard file '{name}' is not embedded in {typeof(DashboardPage).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed class PageResult(DashboardPage page, bool notModified) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            HttpResponse response = httpContext.Response;
            response.Headers.ETag = page._etag;
            response.Headers.CacheControl = "no-cache";
            response.Headers.ContentSecurityPolicy = page._contentSecurityPolicy;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            if (notModified)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength = page._html.Length;
            return response.Body.WriteAsync(page._html).AsTask();
        }
    }
}
