using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Identity;
using MlOps.Pipeline.Telemetry;
using OpenTelemetry;

namespace MlOps.Functions;

/// <summary>
/// The Functions worker's telemetry: OpenTelemetry with the worker's defaults (its invocation spans, the host's trace
/// context; host.json's telemetryMode makes the host itself emit OpenTelemetry too), exported to Application Insights
/// by the Azure Monitor exporter with the app's managed identity: the Application Insights resource keeps local
/// (instrumentation key) authentication disabled.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ServiceName = "mlops-functions";

    /// <summary>
    /// The ingestion credential is the app's TokenCredential (the one the Azure REST clients use: the managed identity
    /// in Azure, AZURE_CLIENT_ID naming the user-assigned one), and an HttpPipelineTransport registered beside it
    /// carries the exporter's requests too.
    /// </summary>
    /// <returns>Whether an exporter was registered (the connection string is set).</returns>
    public static bool AddMlOpsFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!TelemetryServiceCollectionExtensions.IsSet(configuration, TelemetryServiceCollectionExtensions.ApplicationInsightsSetting))
        {
            return false;
        }

        bool liveMetrics = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.LiveMetrics ?? false;
        services.AddMlOpsTelemetry(ServiceName)
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = configuration[TelemetryServiceCollectionExtensions.ApplicationInsightsSetting];
                options.EnableLiveMetrics = liveMetrics;
            })
            .UseMlOpsSampling(configuration);
        services.AddOptions<AzureMonitorExporterOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            options.Credential = provider.GetService<TokenCredential>() ?? AzureCredentials.Choose(credential: null, clientId: null, Environment.GetEnvironmentVariable).Create();
            if (provider.GetService<HttpPipelineTransport>() is { } transport)
            {
                options.Transport = transport;
            }
        });
        return true;
    }
}
