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
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = builder.Configuration[TelemetryServiceCollectionExtensions.ApplicationInsightsSetting];
                // The exporter's default sampler (for both exporters: it is the provider's) keeps about 5 traces a
                // second, judged over every span the process starts, the sidecar's own gRPC requests included: which
                // run's or request's trace got out was chance, and a run, which outlasts many such seconds, could lose
                // some of its spans. Every trace is kept whole instead (a ratio of 1, decided per trace id).
                options.TracesPerSecond = null;
                options.SamplingRatio = 1.0F;
            });
            exporters.Add("azuremonitor");
        }

        return exporters;
    }
}
