using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using MlOps.Core.Storage;

namespace MlOps.Core.Cost;

/// <summary>
/// The CostLedger table: one row per unit of work, partitioned by model and keyed by the unit's stable id, so an
/// activity that runs twice replaces its row instead of adding a second one. Day, kind, stage and run are columns
/// too, for range queries.
/// </summary>
public sealed class CostLedger
{
    private readonly JsonTable<CostLedgerEntry> _entries;

    public CostLedger(MlOpsStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _entries = new JsonTable<CostLedgerEntry>(storage.Table(storage.Layout.CostLedger), e => new Dictionary<string, object>
        {
            ["Day"] = e.Day,
            ["Kind"] = e.Kind.ToString(),
            ["Stage"] = e.Stage,
            ["Total"] = e.Cost.Total,
        });
    }

    /// <summary>Writes the entry, replacing an earlier write of the same unit.</summary>
    public Task RecordAsync(CostLedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _entries.UpsertAsync(entry.Model, entry.Id, entry, cancellationToken);
    }

    /// <summary>A model's entries whose day is in [<paramref name="from"/>, <paramref name="to"/>] (yyyy-MM-dd, inclusive; either may be null).</summary>
    public IAsyncEnumerable<CostLedgerEntry> ListAsync(string model, string? from = null, string? to = null, CancellationToken cancellationToken = default) =>
        ValuesAsync(_entries.QueryAsync(model, DayFilter(from, to), cancellationToken), cancellationToken);

    /// <summary>Every model's entries (and the platform's) in a day range.</summary>
    public IAsyncEnumerable<CostLedgerEntry> ListAllAsync(string? from = null, string? to = null, CancellationToken cancellationToken = default) =>
        ValuesAsync(_entries.QueryAllAsync(DayFilter(from, to), cancellationToken), cancellationToken);

    /// <summary>Every entry of one training run or monitor run: the rows whose key starts with its id.</summary>
    public async Task<IReadOnlyList<CostLedgerEntry>> ForOwnerAsync(string model, string ownerId, CancellationToken cancellationToken = default)
    {
        // Keys are "{owner}|…": every key of the owner sorts between "{owner}|" and "{owner}}" ('}' follows '|').
        string filter = TableClient.CreateQueryFilter($"RowKey ge {ownerId + "|"} and RowKey lt {ownerId + "}"}");
        var entries = new List<CostLedgerEntry>();
        await foreach (CostLedgerEntry entry in ValuesAsync(_entries.QueryAsync(model, filter, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static string? DayFilter(string? from, string? to) => (from, to) switch
    {
        (null, null) => null,
        (not null, null) => TableClient.CreateQueryFilter($"Day ge {from}"),
        (null, not null) => TableClient.CreateQueryFilter($"Day le {to}"),
        _ => TableClient.CreateQueryFilter($"Day ge {from} and Day le {to}"),
    };

    private static async IAsyncEnumerable<CostLedgerEntry> ValuesAsync(
        IAsyncEnumerable<Versioned<CostLedgerEntry>> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (Versioned<CostLedgerEntry> row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return row.Value;
        }
    }
}
