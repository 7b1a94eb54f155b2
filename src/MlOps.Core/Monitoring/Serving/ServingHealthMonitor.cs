using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.Alerts;
using MlOps.Core.AzureRest;
using MlOps.Core.Specs;

namespace MlOps.Core.Monitoring.Serving;

/// <summary>
/// A model's serving health over a window against its spec's <c>monitoring.serving</c> thresholds. With a Log
/// Analytics workspace configured (<see cref="ServingHealthOptions.WorkspaceId"/>) the figures are every instance's, as
/// exported to Azure Monitor (<see cref="ServingHealthQuery"/>); without one, this host's own count
/// (<see cref="ServingStatistics"/>). The report has the same shape either way; its Source says which.
/// </summary>
public sealed partial class ServingHealthMonitor
{
    public const string HostSource = "host";

    public const string AzureMonitorSource = "azure-monitor";

    private readonly ServingStatistics _statistics;
    private readonly SpecStore _specs;
    private readonly ServingHealthOptions _options;
    private readonly LogAnalyticsClient _logs;
    private readonly AlertPublisher _alerts;
    private readonly TimeProvider _clock;
    private readonly ILogger<ServingHealthMonitor> _logger;

    public ServingHealthMonitor(
        ServingStatistics statistics, SpecStore specs, IOptions<ServingHealthOptions> options, LogAnalyticsClient logs, AlertPublisher alerts, TimeProvider clock,
        ILogger<ServingHealthMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _statistics = statistics;
        _specs = specs;
        _options = options.Value;
        _logs = logs;
        _alerts = alerts;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The report over the spec's monitoring window ending at <paramref name="windowEnd"/>; null when the model has no spec.</summary>
    /// <exception cref="AzureRestException">The Log Analytics query failed (after its retries).</exception>
    public async Task<ServingHealthReport?> CheckAsync(string model, DateTimeOffset windowEnd, CancellationToken cancellationToken = default)
    {
        PipelineSpec? spec = (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec;
        return spec is null ? null : await ReportAsync(model, MonitoringWindow.Ending(windowEnd, spec.Monitoring.Window), spec.Monitoring.Serving, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A monitor run's check of its window: the report, and an alert when a version crossed a threshold (one per model
    /// and window, so a retried activity raises it once). A failed query is reported as the reason there is no report,
    /// so drift and decay still decide the monitor run.
    /// </summary>
    public async Task<ServingHealthCheck> MonitorAsync(string model, MonitoringWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        PipelineSpec? spec = (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec;
        if (spec is null || !spec.Monitoring.Enabled)
        {
            return new ServingHealthCheck(model, null, spec is null ? "the model has no pipeline spec" : "monitoring is disabled in the spec");
        }

        ServingHealthReport report;
        try
        {
            report = await ReportAsync(model, window, spec.Monitoring.Serving, cancellationToken).ConfigureAwait(false);
        }
        catch (AzureRestException ex)
        {
            LogQueryFailed(ex, model, window.Id);
            return new ServingHealthCheck(model, null, ex.Message);
        }

        if (!report.Healthy)
        {
            await _alerts.PublishAsync(new AlertRecord
            {
                Id = $"serving-{window.Id}", Model = model, Kind = AlertKind.ServingHealth, Severity = AlertSeverity.Warning, At = _clock.GetUtcNow(),
                Message = string.Create(CultureInfo.InvariantCulture, $"{string.Join("; ", report.Breaches)} (window {window.Start:u} – {window.End:u}, {report.Source})"),
            }, cancellationToken).ConfigureAwait(false);
        }

        return new ServingHealthCheck(model, report, null);
    }

    private async Task<ServingHealthReport> ReportAsync(string model, MonitoringWindow window, ServingSpec spec, CancellationToken cancellationToken)
    {
        if (!_options.UsesAzureMonitor)
        {
            return ServingHealthEvaluator.Evaluate(model, window, HostSource, _statistics.Read(model, window.Start, window.End), spec);
        }

        LogQueryResult result = await _logs.QueryAsync(_options.WorkspaceId!, ServingHealthQuery.For(model), window.Start, window.End, cancellationToken).ConfigureAwait(false);
        ServingHealthReport report = ServingHealthEvaluator.Evaluate(model, window, AzureMonitorSource, ServingHealthQuery.Read(result.Primary), spec);
        return result.IsPartial ? report with { Warning = "Log Analytics answered part of the query; the figures may be incomplete: " + result.PartialError } : report;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Serving health of {Model} for window {WindowId} could not be read from Log Analytics")]
    private partial void LogQueryFailed(Exception exception, string model, string windowId);
}
