using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using MlOps.Core.Monitoring.Decay;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;

namespace MlOps.Core.Monitoring.Reports;

/// <summary>
/// Stores monitoring reports: the full drift report (JSON) and its plot (PNG) under
/// reports/{model}/drift/{yyyy-MM-dd}/{window id}.json|.png, a summary row in the DriftReports table, and decay
/// reports as rows of the same table. Rows are partitioned by model; row keys are "drift-" or "decay-", the inverted
/// window end and the window id, so a partition lists newest first and a re-run of a window overwrites its row.
/// </summary>
public sealed class DriftReportStore
{
    private const string DriftKind = "drift";
    private const string DecayKind = "decay";

    private readonly MlOpsStorage _storage;
    private readonly JsonTable<DriftReportSummary> _drift;
    private readonly JsonTable<DecayReport> _decay;

    public DriftReportStore(MlOpsStorage storage)
    {
        _storage = storage;

        // A few plain columns beside the JSON, so alert rules and ad-hoc queries can filter without parsing it.
        _drift = new JsonTable<DriftReportSummary>(storage.Table(storage.Layout.DriftReports), s => new Dictionary<string, object>
        {
            ["Kind"] = DriftKind,
            ["WindowEnd"] = s.Window.End,
            ["Drifted"] = s.DatasetDrifted,
        });
        _decay = new JsonTable<DecayReport>(storage.Table(storage.Layout.DriftReports), r => new Dictionary<string, object>
        {
            ["Kind"] = DecayKind,
            ["WindowEnd"] = r.Window.End,
            ["Drifted"] = r.Decayed,
        });
    }

    /// <summary>The blob name of a report file: {model}/{kind}/{yyyy-MM-dd of the window end}/{window id}{extension}.</summary>
    public static string BlobName(string model, string kind, MonitoringWindow window, string extension)
    {
        ArgumentNullException.ThrowIfNull(window);
        return string.Create(CultureInfo.InvariantCulture, $"{model}/{kind}/{window.End.UtcDateTime:yyyy-MM-dd}/{window.Id}{extension}");
    }

    /// <summary>Writes the report (and plot) blobs, then the summary row; safe to repeat for the same window.</summary>
    public async Task<DriftReportSummary> SaveAsync(DriftReport report, byte[]? png = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        string reportBlob = BlobName(report.Model, DriftKind, report.Window, ".json");
        await Blob(reportBlob).UploadAsync(BinaryData.FromString(JsonDefaults.Serialize(report)), overwrite: true, cancellationToken).ConfigureAwait(false);
        string? plotBlob = null;
        if (png is not null)
        {
            plotBlob = BlobName(report.Model, DriftKind, report.Window, ".png");
            await Blob(plotBlob).UploadAsync(BinaryData.FromBytes(png), overwrite: true, cancellationToken).ConfigureAwait(false);
        }

        DriftReportSummary summary = DriftReportSummary.From(report, reportBlob, plotBlob);
        await _drift.UpsertAsync(report.Model, RowKey(DriftKind, report.Window), summary, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    /// <summary>The newest drift report summaries of a model, newest window first.</summary>
    public Task<IReadOnlyList<DriftReportSummary>> ListAsync(string model, int take = 20, CancellationToken cancellationToken = default) =>
        NewestAsync(_drift, model, DriftKind, take, cancellationToken);

    /// <summary>The full drift report of a window, or null when none was stored.</summary>
    public async Task<DriftReport?> GetAsync(string model, MonitoringWindow window, CancellationToken cancellationToken = default)
    {
        BinaryData? content = await DownloadAsync(BlobName(model, DriftKind, window, ".json"), cancellationToken).ConfigureAwait(false);
        return content is null ? null : JsonDefaults.Deserialize<DriftReport>(content.ToString());
    }

    /// <summary>The PNG of a window's drift report, or null when none was stored.</summary>
    public async Task<byte[]?> GetPlotAsync(string model, MonitoringWindow window, CancellationToken cancellationToken = default) =>
        (await DownloadAsync(BlobName(model, DriftKind, window, ".png"), cancellationToken).ConfigureAwait(false))?.ToArray();

    /// <summary>Writes a decay report row (small enough to keep whole in the table); safe to repeat for the same window.</summary>
    public async Task SaveDecayAsync(DecayReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _decay.UpsertAsync(report.Model, RowKey(DecayKind, report.Window), report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest decay reports of a model, newest window first.</summary>
    public Task<IReadOnlyList<DecayReport>> ListDecayAsync(string model, int take = 20, CancellationToken cancellationToken = default) =>
        NewestAsync(_decay, model, DecayKind, take, cancellationToken);

    /// <summary>"{kind}-{ticks to the end of time from the window end, 19 digits}-{window id}": ascending keys are newest first.</summary>
    internal static string RowKey(string kind, MonitoringWindow window) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{DateTimeOffset.MaxValue.UtcTicks - window.End.UtcTicks:D19}-{window.Id}");

    private async Task<IReadOnlyList<T>> NewestAsync<T>(JsonTable<T> table, string model, string kind, int take, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        // Keys of one kind lie in [kind + "-", kind + "."): '.' is the character after '-'.
        string range = string.Create(CultureInfo.InvariantCulture, $"RowKey ge '{kind}-' and RowKey lt '{kind}.'");
        var newest = new List<T>(take);
        await foreach (Versioned<T> row in table.QueryAsync(model, range, cancellationToken).ConfigureAwait(false))
        {
            newest.Add(row.Value);
            if (newest.Count == take)
            {
                break;
            }
        }

        return newest;
    }

    private BlobClient Blob(string name) => _storage.Container(_storage.Layout.Reports).GetBlobClient(name);

    private async Task<BinaryData?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await Blob(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }
}
