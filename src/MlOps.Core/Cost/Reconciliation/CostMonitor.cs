using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.Alerts;
using MlOps.Core.AzureRest;
using MlOps.Core.Registry;
using MlOps.Core.Serialization;
using MlOps.Core.Specs;
using MlOps.Core.Storage;

namespace MlOps.Core.Cost.Reconciliation;

/// <summary>
/// The daily cost monitor's work, one step per activity: read what Azure metered and billed (when configured),
/// reconcile the ledger with it into a report per day, and raise one alert per anomalous model-day. Each step is
/// idempotent: the Azure figures and the reports are overwritten, alerts are keyed by model and day.
/// </summary>
public sealed partial class CostMonitor
{
    private readonly CostLedger _ledger;
    private readonly CostReportStore _reports;
    private readonly SpecStore _specs;
    private readonly ModelRegistry _registry;
    private readonly AlertPublisher _alerts;
    private readonly PriceSheetProvider _prices;
    private readonly CostManagementClient _billing;
    private readonly MonitorMetricsClient _metrics;
    private readonly MlOpsStorage _storage;
    private readonly TimeProvider _clock;
    private readonly ILogger<CostMonitor> _logger;

    public CostMonitor(
        CostLedger ledger, CostReportStore reports, SpecStore specs, ModelRegistry registry, AlertPublisher alerts, PriceSheetProvider prices,
        CostManagementClient billing, MonitorMetricsClient metrics, MlOpsStorage storage, IOptions<CostMonitorOptions> options, TimeProvider clock, ILogger<CostMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ledger = ledger;
        _reports = reports;
        _specs = specs;
        _registry = registry;
        _alerts = alerts;
        _prices = prices;
        _billing = billing;
        _metrics = metrics;
        _storage = storage;
        Options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    public CostMonitorOptions Options { get; }

    /// <summary>The days a run for <paramref name="day"/> reconciles: the history before it (billing finalises late, and it is the anomaly baseline) and the day.</summary>
    public async Task<(DateOnly From, DateOnly To)> RangeAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        int history = Options.HistoryDays;
        foreach (string model in await _registry.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            history = Math.Max(history, (await SpecOfAsync(model, cancellationToken).ConfigureAwait(false)).BaselineDays);
        }

        return (day.AddDays(-history), day);
    }

    /// <summary>
    /// Reads billed cost (Cost Management, the configured scope) and metered execution (Azure Monitor, the function
    /// app) for the run's days into reports/cost-monitor/runs/{monitorId}/azure.json; null when neither is configured. A
    /// source that fails after its retries is recorded with its error, and the reconciliation goes on without it.
    /// </summary>
    public async Task<string?> CollectAzureAsync(string monitorId, DateOnly day, CancellationToken cancellationToken = default)
    {
        if (!Options.UsesBilling && !Options.UsesMetrics)
        {
            return null;
        }

        (DateOnly from, DateOnly to) = await RangeAsync(day, cancellationToken).ConfigureAwait(false);
        var snapshot = new AzureCostSnapshot { From = Text(from), To = Text(to) };
        if (Options.UsesBilling)
        {
            try
            {
                snapshot = snapshot with { Billed = await _billing.QueryDailyCostByResourceAsync(Options.Scope!, from, to, cancellationToken).ConfigureAwait(false) };
            }
            catch (AzureRestException ex)
            {
                LogSourceFailed(ex, "Cost Management", monitorId);
                snapshot = snapshot with { BillingError = ex.Message };
            }
        }

        if (Options.UsesMetrics)
        {
            try
            {
                DateTimeOffset start = new(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                snapshot = snapshot with { Metered = await _metrics.GetFunctionExecutionAsync(Options.FunctionAppResourceId!, start, start.AddDays(to.DayNumber - from.DayNumber + 1), cancellationToken).ConfigureAwait(false) };
            }
            catch (AzureRestException ex)
            {
                LogSourceFailed(ex, "Azure Monitor Metrics", monitorId);
                snapshot = snapshot with { MetricsError = ex.Message };
            }
        }

        string blob = $"cost-monitor/runs/{monitorId}/azure.json";
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _storage.Container(_storage.Layout.Reports).GetBlobClient(blob)
            .UploadAsync(BinaryData.FromString(JsonDefaults.Serialize(snapshot)), overwrite: true, cancellationToken).ConfigureAwait(false);
        return blob;
    }

    /// <summary>
    /// Reconciles every day of the run's range with the ledger (and the Azure figures in <paramref name="azureBlob"/>),
    /// writes each day's report, finds the anomalies of <paramref name="day"/> against the days before, and returns its report.
    /// </summary>
    public async Task<DailyCostReport> ReconcileAsync(string monitorId, DateOnly day, string? azureBlob, CancellationToken cancellationToken = default)
    {
        AzureCostSnapshot? azure = null;
        if (azureBlob is not null)
        {
            var content = await _storage.Container(_storage.Layout.Reports).GetBlobClient(azureBlob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            azure = JsonDefaults.Deserialize<AzureCostSnapshot>(content.Value.Content.ToString());
        }

        (DateOnly from, DateOnly to) = azure is null
            ? await RangeAsync(day, cancellationToken).ConfigureAwait(false)
            : (DateOnly.ParseExact(azure.From, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(azure.To, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var entries = new List<CostLedgerEntry>();
        await foreach (CostLedgerEntry entry in _ledger.ListAllAsync(Text(from), Text(to), cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        DateTimeOffset now = _clock.GetUtcNow();
        var reports = new Dictionary<string, DailyCostReport>(StringComparer.Ordinal);
        for (DateOnly d = from; d <= to; d = d.AddDays(1))
        {
            reports[Text(d)] = CostReconciler.Reconcile(Text(d), entries, azure, Options, monitorId, now, _prices.Current.Currency);
        }

        var specs = new Dictionary<string, CostMonitoringSpec>(StringComparer.Ordinal);
        foreach (string model in reports[Text(day)].Models.Select(m => m.Model))
        {
            specs[model] = await SpecOfAsync(model, cancellationToken).ConfigureAwait(false);
        }

        DailyCostReport target = reports[Text(day)];
        reports[Text(day)] = target with { Anomalies = CostAnomalyDetector.Detect(target, reports, m => specs[m]) };
        DailyCostReport? saved = null;
        foreach (DailyCostReport report in reports.Values)
        {
            DailyCostReport stored = await _reports.SaveAsync(report, cancellationToken).ConfigureAwait(false);
            saved = report.Day == Text(day) ? stored : saved;
        }

        LogReconciled(monitorId, Text(day), string.Join("+", saved!.Sources), saved.Totals.Estimated, saved.Totals.Billed, saved.Anomalies.Count);
        return saved;
    }

    /// <summary>One alert per anomalous model-day of the day's report; raising it again (a retried activity, a second run) is a no-op.</summary>
    public async Task<int> RaiseAnomalyAlertsAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        DailyCostReport? report = await _reports.GetAsync(Text(day), cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return 0;
        }

        foreach (CostAnomaly anomaly in report.Anomalies)
        {
            await _alerts.PublishAsync(new AlertRecord
            {
                Id = $"cost-anomaly-{anomaly.Day}",
                Model = anomaly.Model,
                Kind = AlertKind.CostAnomaly,
                Severity = AlertSeverity.Warning,
                // The alert's time is the end of the day it is about, so every run that finds it keys the same row.
                At = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"{anomaly.Day} cost {report.Currency} {anomaly.Cost:0.######}, {anomaly.Ratio:0.0}x the mean of the {anomaly.BaselineDays} days before ({anomaly.BaselineMean:0.######}); the threshold is +{anomaly.Threshold:P0}"),
                Report = report.ReportBlob,
            }, cancellationToken).ConfigureAwait(false);
        }

        return report.Anomalies.Count;
    }

    private async Task<CostMonitoringSpec> SpecOfAsync(string model, CancellationToken cancellationToken) =>
        model == CostStages.PlatformModel || !ModelName.IsValid(model)
            ? new CostMonitoringSpec()
            : (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec.Monitoring.Cost ?? new CostMonitoringSpec();

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cost monitor {MonitorId}: {Source} failed; the report goes on without it")]
    private partial void LogSourceFailed(Exception exception, string source, string monitorId);

    // A fixed event id: the portal workbook's cost-per-day panel reads these events (Properties.Day, Estimated, Billed).
    [LoggerMessage(EventId = 9100, EventName = "MlOpsCostReconciled", Level = LogLevel.Information,
        Message = "Cost monitor {MonitorId} reconciled {Day} from {Sources}: estimated {Estimated}, billed {Billed}, {Anomalies} anomalies")]
    private partial void LogReconciled(string monitorId, string day, string sources, double estimated, double? billed, int anomalies);
}
