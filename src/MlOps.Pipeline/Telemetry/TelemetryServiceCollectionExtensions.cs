using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

    /// <summary>
    /// The request sampler (<see cref="RequestSampler"/>) at the configured ratio. Called after every exporter is added:
    /// the Azure Monitor exporter sets a sampler of its own, and the last one set is the provider's.
    /// </summary>
    public static IOpenTelemetryBuilder UseMlOpsSampling(this IOpenTelemetryBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.ConfigureOpenTelemetryTracerProvider((services, tracing) =>
            tracing.SetSampler(new RequestSampler(services.GetRequiredService<IOptions<TelemetryOptions>>().Value.RequestSamplingRatio)));
        return builder;
    }

    /// <summary>Whether <paramref name="setting"/> has a value in the configuration (environment variables included).</summary>
    public static bool IsSet(IConfiguration configuration, string setting)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[setting]);
    }
}
