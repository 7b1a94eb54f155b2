using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.AzureRest;

namespace MlOps.Testing;

/// <summary>
/// Azure's own services that cannot run here (Cost Management, Azure Monitor Metrics, Log Analytics, Retail Prices,
/// Application Insights ingestion),
/// answered from a Kestrel server on 127.0.0.1 over HTTPS in their documented request and response shapes: paging
/// (nextLink, NextPageLink), throttling (429 with Retry-After or Cost Management's rate-limit headers) and error
/// bodies included. It checks what it is sent (api-version, bearer token for the right audience, body shape) and
/// answers a malformed request as Azure would, with a 4xx and an error body; every request is recorded.
/// </summary>
public sealed partial class LoopbackAzure : IAsyncDisposable
{
    // Property names exactly as written: Azure mixes camelCase (properties.nextLink) and PascalCase (Items, NextPageLink).
    private static readonly JsonSerializerOptions WebJson = new();
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<InjectedAnswer> _injected = [];
    private readonly Lock _gate = new();
    private readonly HttpClientTransport _transport;

    private LoopbackAzure(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
        BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        _transport = new HttpClientTransport(LoopbackCertificate.TrustingOnly(certificate));
    }

    /// <summary>The root every API is served under (ARM and Retail Prices paths as in Azure; Log Analytics under loganalytics/).</summary>
    public Uri BaseUri { get; }

    public Uri LogAnalyticsUri => new(BaseUri, "loganalytics/");

    /// <summary>The app's credential as the clients see it.</summary>
    public RecordingTokenCredential Credential { get; } = new();

    /// <summary>An HTTP transport that trusts this server's certificate and no other.</summary>
    public HttpPipelineTransport Transport => _transport;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<LoopbackAzure> StartAsync()
    {
        X509Certificate2 certificate = LoopbackCertificate.Create();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        WebApplication app = builder.Build();
        LoopbackAzure? azure = null;
        app.Run(context => azure!.HandleAsync(context));
        await app.StartAsync();
        azure = new LoopbackAzure(app, certificate);
        return azure;
    }

    /// <summary>The client options that point every API here, with retry waits capped so throttling tests stay short.</summary>
    public AzureRestOptions Options(int maxRetries = 3) => new()
    {
        ManagementEndpoint = BaseUri,
        LogAnalyticsEndpoint = LogAnalyticsUri,
        RetailPricesEndpoint = BaseUri,
        MaxRetries = maxRetries,
        MaxRetryDelay = TimeSpan.FromSeconds(2),
    };

    /// <summary>The same as configuration keys, for hosts built from configuration.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{AzureRestOptions.SectionName}:{nameof(AzureRestOptions.ManagementEndpoint)}"] = BaseUri.ToString(),
        [$"{AzureRestOptions.SectionName}:{nameof(AzureRestOptions.LogAnalyticsEndpoint)}"] = LogAnalyticsUri.ToString(),
        [$"{AzureRestOptions.SectionName}:{nameof(AzureRestOptions.RetailPricesEndpoint)}"] = BaseUri.ToString(),
        [$"{AzureRestOptions.SectionName}:{nameof(AzureRestOptions.MaxRetryDelay)}"] = "00:00:02",
    };

    public AzureRestPipelines CreatePipelines(AzureRestOptions? options = null) =>
        new(Credential, Microsoft.Extensions.Options.Options.Create(options ?? Options()), Transport);

    /// <summary>Registers this server's credential and transport, so the app's Azure clients (configured with <see cref="Settings"/>) reach it.</summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<TokenCredential>(Credential);
        services.AddSingleton<HttpPipelineTransport>(Transport);
        return services;
    }

    /// <summary>The requests whose path contains <paramref name="pathPart"/> (case-insensitive).</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string pathPart) =>
        [.. _requests.Where(r => r.Path.Contains(pathPart, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The next <paramref name="times"/> requests whose path contains <paramref name="pathPart"/> answer 429 with these headers.</summary>
    public void Throttle(string pathPart, int times, params (string Name, string Value)[] headers) =>
        Inject(pathPart, times, 429, "TooManyRequests", "Too many requests. Please retry.", headers);

    /// <summary>The next <paramref name="times"/> requests whose path contains <paramref name="pathPart"/> fail with Azure's error body.</summary>
    public void Fail(string pathPart, int status, string code, string message, int times = 1) => Inject(pathPart, times, status, code, message, []);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _transport.Dispose();
        _certificate.Dispose();
    }

    private void Inject(string pathPart, int times, int status, string code, string message, (string Name, string Value)[] headers)
    {
        lock (_gate)
        {
            _injected.Add(new InjectedAnswer(pathPart, times, status, code, message, headers));
        }
    }

    private InjectedAnswer? TakeInjected(RecordedRequest request)
    {
        lock (_gate)
        {
            int index = _injected.FindIndex(i => i.Remaining > 0 && request.Path.Contains(i.PathPart, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            InjectedAnswer answer = _injected[index];
            _injected[index] = answer with { Remaining = answer.Remaining - 1 };
            return answer;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        // Application Insights' exporter gzips what it sends.
        using var reader = new StreamReader(context.Request.Headers.ContentEncoding == "gzip"
            ? new System.IO.Compression.GZipStream(context.Request.Body, System.IO.Compression.CompressionMode.Decompress)
            : context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value?.TrimStart('?') ?? "",
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : null, body);
        _requests.Enqueue(request);

        Answer answer = TakeInjected(request) is { } injected
            ? new Answer(injected.Status, Error(injected.Code, injected.Message), injected.Headers)
            : Route(request);
        context.Response.StatusCode = answer.Status;
        foreach ((string name, string value) in answer.Headers ?? [])
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(JsonSerializer.Serialize(answer.Body, WebJson), context.RequestAborted);
        }
    }

    private Answer Route(RecordedRequest request)
    {
        string path = request.Path;
        if (path.EndsWith("/providers/Microsoft.CostManagement/query", StringComparison.OrdinalIgnoreCase))
        {
            return Expect(request, "POST") ?? CostQuery(request);
        }

        if (path.EndsWith("/providers/Microsoft.Insights/metrics", StringComparison.OrdinalIgnoreCase))
        {
            return Expect(request, "GET") ?? Metrics(request);
        }

        if (path.StartsWith("/loganalytics/v1/workspaces/", StringComparison.Ordinal) && path.EndsWith("/query", StringComparison.Ordinal))
        {
            return Expect(request, "POST") ?? LogQuery(request);
        }

        if (path.Equals("/v2.1/track", StringComparison.OrdinalIgnoreCase))
        {
            return Expect(request, "POST") ?? Track(request);
        }

        if (path.Equals("/api/retail/prices", StringComparison.OrdinalIgnoreCase))
        {
            return Expect(request, "GET") ?? RetailPrices(request);
        }

        return new Answer(404, Error("NotFound", $"The loopback Azure serves no API at {path}."));
    }

    private static Answer? Expect(RecordedRequest request, string method) =>
        request.Method == method ? null : new Answer(405, Error("MethodNotAllowed", $"{request.Method} is not allowed on {request.Path}; use {method}."));

    /// <summary>ARM APIs want the token of the management audience; the answer Azure gives otherwise.</summary>
    private static Answer? Authorized(RecordedRequest request, string scope) =>
        request.Authorization == "Bearer " + RecordingTokenCredential.TokenFor(scope)
            ? null
            : new Answer(401, Error("InvalidAuthenticationToken", $"The access token is missing or is not for the audience {scope}."));

    private static Answer? ApiVersion(RecordedRequest request, string version) =>
        request.Query("api-version") == version
            ? null
            : new Answer(400, Error("InvalidApiVersionParameter", $"The api-version '{request.Query("api-version")}' is invalid. The supported version here is '{version}'."));

    /// <summary>Azure's error body: {"error": {"code", "message"}}.</summary>
    private static object Error(string code, string message) => new { error = new { code, message } };

    private static Answer BadRequest(string message) => new(400, Error("BadRequest", message));

    private sealed record InjectedAnswer(string PathPart, int Remaining, int Status, string Code, string Message, (string Name, string Value)[] Headers);

    private sealed record Answer(int Status, object? Body, (string Name, string Value)[]? Headers = null);
}
