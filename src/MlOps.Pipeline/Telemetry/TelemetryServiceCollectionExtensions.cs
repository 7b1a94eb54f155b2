using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Alerts;
using MlOps.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MlOps.Pipeline.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The setting that turns on the Azure Monitor exporter (the Application Insights resource's connection string).</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The OpenTelemetry setting that turns on the OTLP exporter (a collector, Jaeger, Aspire's dashboard, ...).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// What both hosts collect once any exporter is configured: the product's spans and the Durable Task SDK's, the
    /// MlOps meter, and logs with their trace context, under the service name Application Insights shows as the cloud role.
    /// </summary>
    public static IOpenTelemetryBuilder AddMlOpsTelemetry(this IServiceCollection services, string serviceName)
    {
        return services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddSource(MlOpsTracing.SourceName, MlOpsTracing.DurableTaskSourceName))
            .WithMetrics(metrics => metrics.AddMeter(MlOpsMetrics.MeterName))
            .WithLogging(logging => { }, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });
    }

    /// <summary>Whether <paramref name="setting"/> has a value in the configuration (environment variables included).</summary>
    public static bool IsSet(IConfiguration configuration, string setting)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[setting]);
    }
}
