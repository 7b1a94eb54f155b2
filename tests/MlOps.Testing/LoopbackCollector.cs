using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlOps.Testing;

/// <summary>
/// A telemetry receiver on loopback that keeps every request body by path: OTLP/HTTP (/v1/traces, /v1/metrics,
/// /v1/logs) and Azure Monitor's ingestion endpoint (/v2.1/track), answered as each protocol documents success.
/// </summary>
public sealed class LoopbackCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private readonly ConcurrentQueue<string> _authorizations = new();
    private readonly Task _loop;

    public LoopbackCollector()
    {
        int port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public long BytesReceived(string path) => _received.Where(r => r.Path == path).Sum(r => (long)r.Body.Length);

    /// <summary>Whether any body sent to <paramref name="path"/> contains <paramref name="text"/> (protobuf and JSON both keep strings as UTF-8).</summary>
    public bool Received(string path, string text)
    {
        byte[] needle = Encoding.UTF8.GetBytes(text);
        return _received.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(needle) >= 0);
    }

    /// <summary>The Authorization headers the requests carried.</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    public IReadOnlyList<string> Paths => [.. _received.Select(r => r.Path).Distinct()];

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the listener's close ends the loop with an exception
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            Stream input = context.Request.Headers["Content-Encoding"] == "gzip" ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress) : context.Request.InputStream;
            await input.CopyToAsync(body);
            string path = context.Request.Url!.AbsolutePath;
            if (context.Request.Headers["Authorization"] is { } authorization)
            {
                _authorizations.Enqueue(authorization);
            }

            _received.Enqueue((path, body.ToArray()));
            if (path.EndsWith("/track", StringComparison.Ordinal))
            {
                int items = Encoding.UTF8.GetString(body.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
                byte[] answer = Encoding.UTF8.GetBytes($$"""{"itemsReceived":{{items}},"itemsAccepted":{{items}},"errors":[]}""");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(answer);
            }
            else
            {
                context.Response.ContentType = "application/x-protobuf"; // an empty Export*ServiceResponse: all accepted
            }

            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or InvalidDataException or ObjectDisposedException)
        {
            // A client that gave up (or a body cut short) costs that request only; the collector keeps serving.
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
