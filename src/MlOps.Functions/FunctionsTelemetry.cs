using Azure.Core;
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

    /// <param name="credential">
    /// The ingestion credential; null for the app's own: the managed identity in Azure (AZURE_CLIENT_ID names the
    /// user-assigned one), the developer's sign-in elsewhere.
    /// </param>
    /// <returns>Whether an exporter was registered (the connection string is set).</returns>
    public static bool AddMlOpsFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!TelemetryServiceCollectionExtensions.IsSet(configuration, TelemetryServiceCollectionExtensions.ApplicationInsightsSetting))
        {
            return false;
        }

        credential ??= AzureCredentials.Choose(credential: null, clientId: null, Environment.GetEnvironmentVariable).Create();
        services.AddMlOpsTelemetry(ServiceName)
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = configuration[TelemetryServiceCollectionExtensions.ApplicationInsightsSetting];
                options.Credential = credential;
            });
        return true;
    }
}
