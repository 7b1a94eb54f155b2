using System.Globalization;
using Azure.Data.Tables;
using MlOps.Core.Storage;

namespace MlOps.Core.Registry;

/// <summary>
/// Model versions, aliases and promotion history in Table storage. Versions are immutable and numbered per model;
/// alias moves use the alias entity's ETag so that of two racing promotions exactly one wins.
/// </summary>
public sealed class ModelRegistry
{
    public const string Production = "production";

    private readonly JsonTable<ModelVersionRecord> _versions;
    private readonly JsonTable<AliasRecord> _aliases;
    private readonly JsonTable<PromotionRecord> _promotions;
    private readonly TimeProvider _clock;

    public ModelRegistry(MlOpsStorage storage, TimeProvider clock)
    {
        _versions = new JsonTable<ModelVersionRecord>(storage.Table(storage.Layout.ModelVersions), v => new Dictionary<string, object>
        {
            ["RunId"] = v.RunId,
            ["DatasetVersion"] = v.DatasetVersion ?? string.Empty,
            ["SpecVersion"] = v.SpecVersion ?? 0,
        });
        _aliases = new JsonTable<AliasRecord>(storage.Table(storage.Layout.Aliases));
        _promotions = new JsonTable<PromotionRecord>(storage.Table(storage.Layout.Promotions));
        _clock = clock;
    }

    /// <summary>Registers the next version of a model; a second call for the same run returns the version it registered.</summary>
    public async Task<ModelVersionRecord> RegisterAsync(ModelVersionRecord candidate, CancellationToken cancellationToken = default)
    {
        ModelVersionRecord? existing = await FindByRunAsync(candidate.Model, candidate.RunId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        int next = (await LatestVersionAsync(candidate.Model, cancellationToken).ConfigureAwait(false)) + 1;
        while (true)
        {
            var record = candidate with { Version = next, CreatedAt = _clock.GetUtcNow(), ArtifactPath = ArtifactPathFor(candidate.Model, next) };
            if (await _versions.TryAddAsync(candidate.Model, VersionKey(next), record, cancellationToken).ConfigureAwait(false))
            {
                return record;
            }

            next++; // another run registered this number first
        }
    }

    public async Task<ModelVersionRecord?> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default) =>
        (await _versions.GetAsync(model, VersionKey(version), cancellationToken).ConfigureAwait(false))?.Value;

    public async Task<IReadOnlyList<ModelVersionRecord>> ListVersionsAsync(string model, CancellationToken cancellationToken = default)
    {
        var versions = new List<ModelVersionRecord>();
        await foreach (Versioned<ModelVersionRecord> v in _versions.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            versions.Add(v.Value);
        }

        return versions;
    }

    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var models = new List<string>();
        await foreach (string model in _versions.PartitionKeysAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(model);
        }

        return models;
    }

    public async Task<AliasRecord?> GetAliasAsync(string model, string alias, CancellationToken cancellationToken = default) =>
        (await _aliases.GetAsync(model, alias, cancellationToken).ConfigureAwait(false))?.Value;

    public async Task<IReadOnlyList<AliasRecord>> ListAliasesAsync(string model, CancellationToken cancellationToken = default)
    {
        var aliases = new List<AliasRecord>();
        await foreach (Versioned<AliasRecord> a in _aliases.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            aliases.Add(a.Value);
        }

        return aliases;
    }

    /// <summary>
    /// Points an alias at a version if it still points where the caller believes (<paramref name="expectedCurrent"/>;
    /// null means "not set"). The attempt is written to the history first (pending), so no promotion goes unrecorded
    /// even if the process stops half-way; a lost race is recorded as a conflict and throws <see cref="PromotionConflictException"/>.
    /// </summary>
    public async Task<PromotionRecord> PromoteAsync(
        string model, string alias, int version, int? expectedCurrent, string by, string reason, string? runId = null, string? evidence = null,
        CancellationToken cancellationToken = default)
    {
        _ = await GetVersionAsync(model, version, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Model '{model}' has no version {version}.");

        DateTimeOffset now = _clock.GetUtcNow();
        string key = HistoryKey(now);
        var promotion = new PromotionRecord
        {
            Model = model, Alias = alias, FromVersion = expectedCurrent, ToVersion = version, At = now, By = by, Reason = reason, RunId = runId,
            Evidence = evidence, Outcome = PromotionOutcome.Pending, Key = key,
        };
        await _promotions.TryAddAsync(model, key, promotion, cancellationToken).ConfigureAwait(false);

        var target = new AliasRecord { Model = model, Alias = alias, Version = version, UpdatedAt = now, UpdatedBy = by, PromotionKey = key };
        Versioned<AliasRecord>? current = await _aliases.GetAsync(model, alias, cancellationToken).ConfigureAwait(false);
        bool moved = current?.Value.Version == expectedCurrent && (current is null
            ? await _aliases.TryAddAsync(model, alias, target, cancellationToken).ConfigureAwait(false)
            : await _aliases.TryReplaceAsync(model, alias, target, current.ETag, cancellationToken).ConfigureAwait(false));

        PromotionRecord settled = promotion with { Outcome = moved ? PromotionOutcome.Applied : PromotionOutcome.Conflict };
        await _promotions.UpsertAsync(model, key, settled, cancellationToken).ConfigureAwait(false);
        if (!moved)
        {
            AliasRecord? winner = await GetAliasAsync(model, alias, cancellationToken).ConfigureAwait(false);
            throw new PromotionConflictException(model, alias, expectedCurrent, winner?.Version);
        }

        return settled;
    }

    /// <summary>
    /// Moves production back to the version it pointed at before its latest applied promotion.
    /// Throws <see cref="InvalidOperationException"/> when there is nothing to roll back to.
    /// </summary>
    public async Task<PromotionRecord> RollbackAsync(string model, string alias, string by, string reason, CancellationToken cancellationToken = default)
    {
        AliasRecord current = await GetAliasAsync(model, alias, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model '{model}' has no '{alias}' alias to roll back.");
        PromotionRecord? last = (await HistoryAsync(model, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(p => p.Alias == alias && p.Outcome == PromotionOutcome.Applied && p.ToVersion == current.Version);
        if (last?.FromVersion is not int previous)
        {
            throw new InvalidOperationException($"'{alias}' of '{model}' (version {current.Version}) has no previous version to roll back to.");
        }

        return await PromoteAsync(model, alias, previous, current.Version, by, $"rollback from v{current.Version}: {reason}", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The promotion history, newest first. A pending entry whose key an alias carries was applied (its writer stopped before saying so).</summary>
    public async Task<IReadOnlyList<PromotionRecord>> HistoryAsync(string model, CancellationToken cancellationToken = default)
    {
        var history = new List<PromotionRecord>();
        await foreach (Versioned<PromotionRecord> p in _promotions.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            history.Add(p.Value);
        }

        if (history.Any(p => p.Outcome == PromotionOutcome.Pending))
        {
            HashSet<string?> applied = [.. (await ListAliasesAsync(model, cancellationToken).ConfigureAwait(false)).Select(a => a.PromotionKey)];
            history = [.. history.Select(p => p.Outcome == PromotionOutcome.Pending && applied.Contains(p.Key) ? p with { Outcome = PromotionOutcome.Applied } : p)];
        }

        return history;
    }

    /// <summary>A version already trained from this content with this spec version, if any.</summary>
    public async Task<ModelVersionRecord?> FindByDatasetAsync(string model, string datasetVersion, int specVersion, CancellationToken cancellationToken = default)
    {
        string filter = TableClient.CreateQueryFilter($"DatasetVersion eq {datasetVersion} and SpecVersion eq {specVersion}");
        await foreach (Versioned<ModelVersionRecord> v in _versions.QueryAsync(model, filter, cancellationToken).ConfigureAwait(false))
        {
            return v.Value;
        }

        return null;
    }

    private async Task<ModelVersionRecord?> FindByRunAsync(string model, string runId, CancellationToken cancellationToken)
    {
        await foreach (Versioned<ModelVersionRecord> v in _versions.QueryAsync(model, TableClient.CreateQueryFilter($"RunId eq {runId}"), cancellationToken).ConfigureAwait(false))
        {
            return v.Value;
        }

        return null;
    }

    private async Task<int> LatestVersionAsync(string model, CancellationToken cancellationToken)
    {
        int latest = 0;
        await foreach (Versioned<ModelVersionRecord> v in _versions.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            latest = Math.Max(latest, v.Value.Version);
        }

        return latest;
    }

    public static string ArtifactPathFor(string model, int version) => $"{model}/{version}/model.zip";

    private static string VersionKey(int version) => version.ToString("D10", CultureInfo.InvariantCulture);

    // Newest first in key order, unique even within one tick.
    private static string HistoryKey(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}
