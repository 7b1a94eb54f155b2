using System.Globalization;
using MlOps.Core.Alerts;
using MlOps.Core.Data;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring.Decay;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Registry;
using MlOps.Core.Specs;
using MlOps.Core.Telemetry;

namespace MlOps.Core.Monitoring;

/// <summary>
/// The monitors' work for one production model and one window: drift (logged inputs and outputs against the
/// training profile and the version's own test-split predictions) and decay (logged predictions joined with late
/// labels against the version's test metrics). Reports are stored, figures emitted as metrics, alerts raised.
/// </summary>
public sealed class ModelMonitor
{
    private readonly ModelRegistry _registry;
    private readonly SpecStore _specs;
    private readonly PreparedDatasetStore _prepared;
    private readonly PredictionLogReader _log;
    private readonly FeedbackReader _feedback;
    private readonly DriftReportStore _reports;
    private readonly ReferencePredictionsStore _references;
    private readonly AlertPublisher _alerts;
    private readonly MlOpsMetrics _metrics;
    private readonly TimeProvider _clock;

    public ModelMonitor(
        ModelRegistry registry, SpecStore specs, PreparedDatasetStore prepared, PredictionLogReader log, FeedbackReader feedback, DriftReportStore reports,
        ReferencePredictionsStore references, AlertPublisher alerts, MlOpsMetrics metrics, TimeProvider clock)
    {
        _registry = registry;
        _specs = specs;
        _prepared = prepared;
        _log = log;
        _feedback = feedback;
        _reports = reports;
        _references = references;
        _alerts = alerts;
        _metrics = metrics;
        _clock = clock;
    }

    public async Task<DriftCheck> CheckDriftAsync(string model, MonitoringWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        (ModelVersionRecord? version, PipelineSpec? spec, string? skipped) = await ProductionAsync(model, cancellationToken).ConfigureAwait(false);
        if (version is null || spec is null)
        {
            return new DriftCheck(model, null, null, skipped);
        }

        DatasetProfile profile = await _prepared.GetProfileAsync(
            PreparedDatasetStore.PrefixFor(model, version.DatasetVersion!, version.SpecVersion ?? 0), cancellationToken).ConfigureAwait(false);
        var accumulator = WindowAccumulator.For(version.Layout, spec.Monitoring.Drift, version.Version);
        var scan = new PredictionLogScan();
        await foreach (LoggedPrediction row in _log.ReadAsync(model, window.Start, window.End, scan, cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(row);
        }

        if (accumulator.Rows == 0)
        {
            return new DriftCheck(model, version.Version, null, string.Create(CultureInfo.InvariantCulture,
                $"no logged predictions in the window {window.Start:u} – {window.End:u} ({scan.Blobs} log blobs, {scan.Lines} lines, {scan.OutsideWindow} outside the window{(scan.OutsideWindow > 0 ? $" from {scan.EarliestOutside:O} to {scan.LatestOutside:O}" : "")}, {scan.Malformed} malformed)"));
        }

        ReferencePredictions? reference = await _references.GetAsync(model, version.Version, cancellationToken).ConfigureAwait(false);
        DriftReport report = DriftAnalyzer.Analyze(profile, version.Layout, accumulator, spec.Monitoring.Drift,
            DriftContext.For(version, window, _clock.GetUtcNow(), scan.Malformed), reference);
        byte[] plot = DriftPlot.RenderPng(report, profile, accumulator);
        DriftReportSummary summary = await _reports.SaveAsync(report, plot, cancellationToken).ConfigureAwait(false);
        _metrics.DriftedShare.Record(summary.DriftedShare, new KeyValuePair<string, object?>(MlOpsTags.Model, model), new KeyValuePair<string, object?>(MlOpsTags.Version, version.Version));
        foreach (ColumnDrift column in report.Columns.Append(report.PredictionDrift).Where(c => c.Statistic is not null))
        {
            _metrics.DriftScore.Record(column.Statistic!.Value, new KeyValuePair<string, object?>(MlOpsTags.Model, model),
                new KeyValuePair<string, object?>(MlOpsTags.Version, version.Version), new KeyValuePair<string, object?>(MlOpsTags.Column, column.Column),
                new KeyValuePair<string, object?>(MlOpsTags.Method, column.Method?.ToString()));
        }

        if (summary.DatasetDrifted)
        {
            await _alerts.PublishAsync(new AlertRecord
            {
                Id = $"drift-{window.Id}", Model = model, Kind = AlertKind.Drift, Severity = AlertSeverity.Warning, At = _clock.GetUtcNow(), Report = summary.ReportBlob,
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"v{version.Version}: {summary.ColumnsDrifted} of {summary.ColumnsCompared} columns drifted ({summary.DriftedShare:P0}); most: {string.Join(", ", summary.MostDrifted.Take(5))}"),
            }, cancellationToken).ConfigureAwait(false);
        }

        return new DriftCheck(model, version.Version, summary, null);
    }

    public async Task<DecayCheck> CheckDecayAsync(string model, MonitoringWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        (ModelVersionRecord? version, PipelineSpec? spec, string? skipped) = await ProductionAsync(model, cancellationToken).ConfigureAwait(false);
        if (version is null || spec is null)
        {
            return new DecayCheck(model, null, skipped);
        }

        FeedbackLabels labels = await _feedback.ReadAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
        var joined = new List<LabelledPrediction>();
        if (labels.Count > 0)
        {
            await foreach (LabelledPrediction row in FeedbackJoin.JoinAsync(labels, _log.ReadAsync(model, window.Start, window.End, null, cancellationToken), cancellationToken)
                .ConfigureAwait(false))
            {
                joined.Add(row);
            }
        }

        DecayReport report = DecayAnalyzer.Analyze(joined, version, spec, window, _clock.GetUtcNow(), labels.Count);
        await _reports.SaveDecayAsync(report, cancellationToken).ConfigureAwait(false);
        if (report.Live is double live)
        {
            _metrics.LiveMetric.Record(live, new KeyValuePair<string, object?>(MlOpsTags.Model, model), new KeyValuePair<string, object?>(MlOpsTags.Version, version.Version), new KeyValuePair<string, object?>(MlOpsTags.Metric, report.Metric));
        }

        if (report.Decayed)
        {
            await _alerts.PublishAsync(new AlertRecord
            {
                Id = $"decay-{window.Id}", Model = model, Kind = AlertKind.Decay, Severity = AlertSeverity.Critical, At = _clock.GetUtcNow(), Message = report.Reason,
            }, cancellationToken).ConfigureAwait(false);
        }

        return new DecayCheck(model, report, null);
    }

    private async Task<(ModelVersionRecord? Version, PipelineSpec? Spec, string? Skipped)> ProductionAsync(string model, CancellationToken cancellationToken)
    {
        AliasRecord? production = await _registry.GetAliasAsync(model, ModelRegistry.Production, cancellationToken).ConfigureAwait(false);
        if (production is null)
        {
            return (null, null, "the model has no production version");
        }

        ModelVersionRecord version = (await _registry.GetVersionAsync(model, production.Version, cancellationToken).ConfigureAwait(false))!;
        PipelineSpec? spec = (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec;
        return spec is null ? (null, null, "the model has no pipeline spec") : !spec.Monitoring.Enabled ? (null, null, "monitoring is disabled in the spec") : (version, spec, null);
    }
}
