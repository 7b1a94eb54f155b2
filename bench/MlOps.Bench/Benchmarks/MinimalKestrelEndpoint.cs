using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// The HTTP stack's own limit on this machine: Kestrel in this process (the same runtime, GC settings and slim builder
/// as the local host) answering the predict route's path by reading the whole request body, as predict does, and
/// writing a fixed JSON answer of the size predict's answer has. No model, no log, no middleware.
/// </summary>
internal sealed class MinimalKestrelEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MinimalKestrelEndpoint(WebApplication app)
    {
        _app = app;
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    public string BaseUrl { get; }

    public static async Task<MinimalKestrelEndpoint> StartAsync(string path, int answerBytes, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        byte[] answer = FixedAnswer(answerBytes);
        app.MapPost(path, async (HttpContext context) =>
        {
            HttpRequest request = context.Request;
            byte[] body = new byte[(int)(request.ContentLength ?? 0)];
            await request.Body.ReadExactlyAsync(body, context.RequestAborted);
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        return new MinimalKestrelEndpoint(app);
    }

    /// <summary>A JSON object of exactly <paramref name="bytes"/> bytes (at least the 10 of an empty padding).</summary>
    internal static byte[] FixedAnswer(int bytes) =>
        Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', Math.Max(0, bytes - 10)) + "\"}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
