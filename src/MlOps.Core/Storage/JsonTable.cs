using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using MlOps.Core.Serialization;

namespace MlOps.Core.Storage;

/// <summary>
/// A table of records stored as JSON in one property, with the partition and row keys (and any filterable
/// columns) alongside. Writes that can race use the entity's ETag; inserts are insert-only.
/// </summary>
public sealed class JsonTable<T>
    where T : class
{
    private const string JsonProperty = "Json";
    private readonly TableClient _table;
    private readonly Func<T, IReadOnlyDictionary<string, object>>? _columns;

    public JsonTable(TableClient table, Func<T, IReadOnlyDictionary<string, object>>? columns = null)
    {
        _table = table;
        _columns = columns;
    }

    public async Task<Versioned<T>?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        NullableResponse<TableEntity> response = await _table
            .GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, [JsonProperty], cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToVersioned(response.Value!) : null;
    }

    /// <summary>Inserts; returns false (and writes nothing) when the key already exists.</summary>
    public async Task<bool> TryAddAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken = default) =>
        await AddIfAbsentAsync(partitionKey, rowKey, value, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Inserts; returns the new entity's ETag, for a later conditional replace or delete of what this writer added,
    /// or null (and writes nothing) when the key already exists.
    /// </summary>
    public async Task<ETag?> AddIfAbsentAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken = default)
    {
        try
        {
            Response added = await _table.AddEntityAsync(ToEntity(partitionKey, rowKey, value), cancellationToken).ConfigureAwait(false);
            return added.Headers.ETag ?? throw new InvalidOperationException($"Table {_table.Name} answered the insert of {partitionKey}/{rowKey} without an ETag.");
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Writes unconditionally; for records only one writer owns (a run's step keyed by run and step).</summary>
    public Task UpsertAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(ToEntity(partitionKey, rowKey, value), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Replaces only if the entity still has <paramref name="etag"/>; false when another writer got there first.</summary>
    public async Task<bool> TryReplaceAsync(string partitionKey, string rowKey, T value, ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(partitionKey, rowKey, value), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            return false;
        }
    }

    /// <summary>Read-modify-write with optimistic concurrency, retried on conflicts.</summary>
    public async Task<T> UpdateAsync(string partitionKey, string rowKey, Func<T, T> change, CancellationToken cancellationToken = default)
    {
        for (int attempt = 0; ; attempt++)
        {
            Versioned<T> current = await GetAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No entity {partitionKey}/{rowKey} in table {_table.Name}.");
            T updated = change(current.Value);
            if (await TryReplaceAsync(partitionKey, rowKey, updated, current.ETag, cancellationToken).ConfigureAwait(false))
            {
                return updated;
            }

            if (attempt >= 20)
            {
                throw new InvalidOperationException($"Could not update {partitionKey}/{rowKey} in {_table.Name}: too many concurrent writers.");
            }

            await Task.Delay(Random.Shared.Next(5, 20 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
        }
    }

    public IAsyncEnumerable<Versioned<T>> QueryAsync(string partitionKey, string? extraFilter = null, CancellationToken cancellationToken = default)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        return QueryAllAsync(string.IsNullOrEmpty(extraFilter) ? filter : $"{filter} and ({extraFilter})", cancellationToken);
    }

    /// <summary>Rows of every partition that match <paramref name="filter"/> (all rows when null).</summary>
    public async IAsyncEnumerable<Versioned<T>> QueryAllAsync(string? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (TableEntity entity in _table.QueryAsync<TableEntity>(filter, select: [JsonProperty], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToVersioned(entity);
        }
    }

    public async IAsyncEnumerable<string> PartitionKeysAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? last = null;
        await foreach (TableEntity entity in _table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.PartitionKey != last)
            {
                last = entity.PartitionKey;
                yield return last;
            }
        }
    }

    /// <summary>
    /// Deletes only if the entity still has <paramref name="etag"/>: true when it is gone (deleted now, or already),
    /// false when another writer changed it since (412), which leaves it as that writer left it.
    /// </summary>
    public async Task<bool> TryDeleteAsync(string partitionKey, string rowKey, ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            // The table client treats 404 as success for deletes: an entity already gone is what was asked for.
            await _table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private TableEntity ToEntity(string partitionKey, string rowKey, T value)
    {
        var entity = new TableEntity(partitionKey, rowKey) { [JsonProperty] = JsonDefaults.Serialize(value) };
        if (_columns is not null)
        {
            foreach ((string name, object column) in _columns(value))
            {
                entity[name] = column;
            }
        }

        return entity;
    }

    private static Versioned<T> ToVersioned(TableEntity entity) =>
        new(JsonDefaults.Deserialize<T>(entity.GetString(JsonProperty)), entity.ETag, entity.PartitionKey, entity.RowKey);
}
