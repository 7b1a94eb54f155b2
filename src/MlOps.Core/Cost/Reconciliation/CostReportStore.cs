using System.Globalization;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;

namespace MlOps.Core.Cost.Reconciliation;

/// <summary>
/// The daily cost reports: each day's full report as JSON in reports/cost-monitor/daily/{day}.json and its summary (figures
/// per model, anomalies) as a row of the CostReports table. A day reconciled again (billing arrives days later) is
/// overwritten: one report per day.
/// </summary>
public sealed class CostReportStore
{
    private const string Partition = "daily";
    private readonly MlOpsStorage _storage;
    private readonly JsonTable<DailyCostReport> _table;

    public CostReportStore(MlOpsStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _table = new JsonTable<DailyCostReport>(storage.Table(storage.Layout.CostReports), r => new Dictionary<string, object> { ["MonitorId"] = r.MonitorId });
    }

    public static string BlobName(string day) => $"cost-monitor/daily/{day}.json";

    /// <summary>Writes the report (blob first, then the row that points at it).</summary>
    public async Task<DailyCostReport> SaveAsync(DailyCostReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        DailyCostReport stored = report with { ReportBlob = BlobName(report.Day) };
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _storage.Container(_storage.Layout.Reports).GetBlobClient(stored.ReportBlob)
            .UploadAsync(BinaryData.FromString(JsonDefaults.Serialize(stored)), overwrite: true, cancellationToken).ConfigureAwait(false);
        await _table.UpsertAsync(Partition, report.Day, stored.Summary(), cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>A day's full report (models by stage and run); null when the day has none.</summary>
    public async Task<DailyCostReport?> GetAsync(string day, CancellationToken cancellationToken = default)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return null;
        }

        var blob = _storage.Container(_storage.Layout.Reports).GetBlobClient(BlobName(day));
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonDefaults.Deserialize<DailyCostReport>(content.Value.Content.ToString());
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Report summaries, newest day first.</summary>
    public async Task<IReadOnlyList<DailyCostReport>> ListAsync(int max = 90, CancellationToken cancellationToken = default)
    {
        var reports = new List<DailyCostReport>();
        await foreach (Versioned<DailyCostReport> row in _table.QueryAsync(Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            reports.Add(row.Value);
        }

        return [.. reports.OrderByDescending(r => r.Day, StringComparer.Ordinal).Take(max)];
    }
}
