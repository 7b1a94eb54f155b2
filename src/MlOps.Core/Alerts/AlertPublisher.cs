using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MlOps.Core.Storage;

namespace MlOps.Core.Alerts;

/// <summary>
/// Raises alerts three ways: a row in the Alerts table (read over HTTP and the CLI), a structured log event
/// (EventId 9000 "MlOpsAlert", which an Azure Monitor log alert rule can match), and the mlops.alerts counter.
/// Idempotent by alert id, so an activity that runs twice (at another time) raises one alert.
/// </summary>
public sealed partial class AlertPublisher
{
    /// <summary>Where alerts about uploads that belong to no model are kept (never a valid model name).</summary>
    public const string NoModel = "_uploads";

    private readonly JsonTable<AlertRecord> _alerts;
    private readonly ILogger<AlertPublisher> _logger;
    private readonly Counter<long> _counter;

    public AlertPublisher(MlOpsStorage storage, MlOpsMetrics metrics, ILogger<AlertPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(metrics);
        _alerts = new JsonTable<AlertRecord>(
            storage.Table(storage.Layout.Alerts), a => new Dictionary<string, object> { ["Kind"] = a.Kind.ToString(), ["At"] = a.At, ["AlertId"] = a.Id });
        _logger = logger;
        _counter = metrics.Alerts;
    }

    public async Task PublishAsync(AlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        // The row key starts with the time (newest first), so a retry at another time is found by its id.
        await foreach (Versioned<AlertRecord> _ in _alerts.QueryAsync(alert.Model, Azure.Data.Tables.TableClient.CreateQueryFilter($"AlertId eq {alert.Id}"), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (!await _alerts.TryAddAsync(alert.Model, RowKey(alert), alert, cancellationToken).ConfigureAwait(false))
        {
            return; // already raised
        }

        LogAlert(alert.Kind, alert.Severity, alert.Model, alert.Message, alert.RunId, alert.Report);
        _counter.Add(1, new KeyValuePair<string, object?>("model", alert.Model), new KeyValuePair<string, object?>("kind", alert.Kind.ToString()),
            new KeyValuePair<string, object?>("severity", alert.Severity.ToString()));
    }

    /// <summary>A model's alerts, newest first.</summary>
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string model, int max = 100, CancellationToken cancellationToken = default)
    {
        var alerts = new List<AlertRecord>();
        await foreach (Versioned<AlertRecord> alert in _alerts.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(alert.Value);
            if (alerts.Count >= max)
            {
                break;
            }
        }

        return alerts;
    }

    // Newest first in key order; the id keeps retries of the same alert on one row.
    private static string RowKey(AlertRecord alert) =>
        (DateTimeOffset.MaxValue.UtcTicks - alert.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + alert.Id;

    [LoggerMessage(EventId = 9000, EventName = "MlOpsAlert", Level = LogLevel.Warning,
        Message = "Alert {Kind} ({Severity}) for {Model}: {AlertMessage} (run {RunId}, report {Report})")]
    private partial void LogAlert(AlertKind kind, AlertSeverity severity, string model, string alertMessage, string? runId, string? report);
}
