using System.Globalization;
using MlOps.Core.Storage;

namespace MlOps.Core.Monitoring;

/// <summary>Monitor runs per model (MonitorState table), newest first; one row per monitor id, so retries overwrite their own.</summary>
public sealed class MonitorStore
{
    private readonly JsonTable<MonitorRecord> _records;

    public MonitorStore(MlOpsStorage storage) => _records = new JsonTable<MonitorRecord>(storage.Table(storage.Layout.MonitorState));

    public Task SaveAsync(MonitorRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _records.UpsertAsync(record.Model, Key(record), record, cancellationToken);
    }

    public async Task<IReadOnlyList<MonitorRecord>> ListAsync(string model, int take = 50, CancellationToken cancellationToken = default)
    {
        var records = new List<MonitorRecord>();
        string filter = "RowKey ge 'run-' and RowKey lt 'run.'";
        await foreach (Versioned<MonitorRecord> record in _records.QueryAsync(model, filter, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record.Value);
            if (records.Count >= take)
            {
                break;
            }
        }

        return records;
    }

    private static string Key(MonitorRecord record) =>
        "run-" + (DateTimeOffset.MaxValue.UtcTicks - record.Window.End.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + record.MonitorId;
}
