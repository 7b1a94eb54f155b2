using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace MlOps.Core.AzureRest;

/// <summary>
/// Azure.Core pipelines for the REST clients: the app's credential as a bearer token for the API's scope, and one
/// retry policy for all of them (429 and 5xx retried, the service's Retry-After and Cost Management's rate-limit
/// headers honoured). One pipeline per token scope, shared.
/// </summary>
public sealed class AzureRestPipelines
{
    private readonly TokenCredential _credential;
    private readonly HttpPipelineTransport? _transport;
    private readonly ConcurrentDictionary<string, HttpPipeline> _authenticated = new(StringComparer.Ordinal);
    private readonly Lazy<HttpPipeline> _anonymous;

    /// <param name="transport">The HTTP transport; null for Azure.Core's default (tests pass one that trusts their loopback server).</param>
    public AzureRestPipelines(TokenCredential credential, IOptions<AzureRestOptions> options, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _credential = credential;
        _transport = transport;
        Options = options.Value;
        _anonymous = new Lazy<HttpPipeline>(() => HttpPipelineBuilder.Build(CreateClientOptions()));
    }

    public AzureRestOptions Options { get; }

    /// <summary>A pipeline that authenticates as the app for <paramref name="scope"/> (e.g. https://management.azure.com/.default).</summary>
    public HttpPipeline Authenticated(string scope) =>
        _authenticated.GetOrAdd(scope, s => HttpPipelineBuilder.Build(CreateClientOptions(), new BearerTokenAuthenticationPolicy(_credential, s)));

    /// <summary>The pipeline for Azure Resource Manager (Cost Management, Azure Monitor Metrics).</summary>
    public HttpPipeline Management => Authenticated(Options.ManagementScope);

    /// <summary>The pipeline for the Log Analytics query API.</summary>
    public HttpPipeline LogAnalytics => Authenticated(Options.LogAnalyticsScope);

    /// <summary>A pipeline without credentials, for public APIs such as Retail Prices.</summary>
    public HttpPipeline Anonymous => _anonymous.Value;

    private RestClientOptions CreateClientOptions()
    {
        var options = new RestClientOptions
        {
            RetryPolicy = new RetryPolicy(Options.MaxRetries, new ThrottlingDelayStrategy(Options.MaxRetryDelay)),
        };
        options.Diagnostics.ApplicationId = "mlops";
        if (_transport is not null)
        {
            options.Transport = _transport;
        }

        return options;
    }

    private sealed class RestClientOptions : ClientOptions
    {
    }
}
