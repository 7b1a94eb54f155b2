using Azure.Monitor.OpenTelemetry.Exporter;
using MlOps.Pipeline.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MlOps.Host.Runtime;

/// <summary>
/// The local host's telemetry export: OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_EXPORTER_OTLP_*
/// settings apply), Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set, both when both are, and
/// otherwise nothing at all: no provider is registered, so no listener enables the product's instruments and the
/// request path pays only their disabled checks.
/// </summary>
public static class HostTelemetry
{
    public const string ServiceName = "mlops-host";

    /// <returns>Which exporters were registered ("otlp", "azuremonitor"); empty when none.</returns>
    public static IReadOnlyList<string> AddMlOpsHostTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        bool otlp = TelemetryServiceCollectionExtensions.IsSet(builder.Configuration, TelemetryServiceCollectionExtensions.OtlpEndpointSetting);
        bool azureMonitor = TelemetryServiceCollectionExtensions.IsSet(builder.Configuration, TelemetryServiceCollectionExtensions.ApplicationInsightsSetting);
        if (!otlp && !azureMonitor)
        {
            return [];
        }

        IOpenTelemetryBuilder telemetry = builder.Services.AddMlOpsTelemetry(ServiceName)
            // Only the API's requests: the durable sidecar's gRPC calls (several per queue poll) share the process's
            // ASP.NET Core diagnostics and would bury them.
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        var exporters = new List<string>();
        if (otlp)
        {
            telemetry.UseOtlpExporter();
            exporters.Add("otlp");
        }

        if (azureMonitor)
        {
            bool liveMetrics = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.LiveMetrics ?? false;
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = builder.Configuration[TelemetryServiceCollectionExtensions.ApplicationInsightsSetting];
                options.EnableLiveMetrics = liveMetrics;
            });
            exporters.Add("azuremonitor");
        }

        telemetry.UseMlOpsSampling(builder.Configuration);
        return exporters;
    }
}
