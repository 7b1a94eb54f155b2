using System.Globalization;
using Azure.Data.Tables;
using MlOps.Core.Artifacts;
using MlOps.Core.Storage;
using MlOps.Core.Training;

namespace MlOps.Core.Registry;

/// <summary>
/// Model versions, aliases and promotion history in Table storage. Versions are immutable and numbered per model,
/// and visible (listed, promotable, servable) only once their artifact is stored and verified; alias moves check the
/// artifact and the schema, and use the alias entity's ETag so that of two racing promotions exactly one wins.
/// </summary>
public sealed class ModelRegistry
{
    public const string Production = "production";

    private readonly JsonTable<ModelVersionRecord> _versions;
    private readonly JsonTable<AliasRecord> _aliases;
    private readonly JsonTable<PromotionRecord> _promotions;
    private readonly TimeProvider _clock;
    private readonly ArtifactStore _artifacts;
    private readonly string _models;

    public ModelRegistry(MlOpsStorage storage, ArtifactStore artifacts, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _artifacts = artifacts;
        _models = storage.Layout.Models;
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

    /// <summary>
    /// Registers the next version of a model with its artifact: the row first (Registering, which numbers the version
    /// but shows it to no reader), then the artifact, read back and checked against <see cref="ModelVersionRecord.Sha256"/>,
    /// then the row marked Ready. A second call for the same run (a retried activity, a crash in between) finishes the
    /// version it numbered, so a run registers exactly one version and no reader ever sees it half-registered.
    /// </summary>
    /// <exception cref="ArtifactIntegrityException">The stored artifact does not hash to the candidate's SHA-256; the version stays invisible.</exception>
    public async Task<ModelVersionRecord> RegisterAsync(ModelVersionRecord candidate, ReadOnlyMemory<byte> artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ModelVersionRecord? existing = await FindByRunAsync(candidate.Model, candidate.RunId, cancellationToken).ConfigureAwait(false);
        if (existing?.State == ModelVersionState.Ready)
        {
            return existing;
        }

        if (existing is null)
        {
            (ModelVersionRecord added, Azure.ETag addedETag) = await AddRegisteringAsync(candidate, cancellationToken).ConfigureAwait(false);
            // Two attempts of one run can number it at once (a redelivered activity running beside the first): each
            // sees both rows once it has added its own, and both keep the lower number; the other row goes, but only
            // as this attempt added it. A row changed since (412) was taken up by another attempt as the run's version
            // (it saw no lower row yet) and may be ready and served by now: it stays, and this attempt completes it too.
            existing = await FindByRunAsync(candidate.Model, candidate.RunId, cancellationToken).ConfigureAwait(false) ?? added;
            if (existing.Version != added.Version)
            {
                if (!await _versions.TryDeleteAsync(added.Model, VersionKey(added.Version), addedETag, cancellationToken).ConfigureAwait(false))
                {
                    existing = (await _versions.GetAsync(added.Model, VersionKey(added.Version), cancellationToken).ConfigureAwait(false))?.Value ?? existing;
                }

                if (existing.State == ModelVersionState.Ready)
                {
                    return existing;
                }
            }
        }

        // A row this run numbered (before stopping, or just now) is nobody else's: this attempt's candidate completes it under that number.
        ModelVersionRecord record = candidate with
        {
            Version = existing.Version, ArtifactPath = existing.ArtifactPath, CreatedAt = existing.CreatedAt, State = ModelVersionState.Registering,
        };
        await _artifacts.WriteAsync(_models, record.ArtifactPath, artifact, cancellationToken).ConfigureAwait(false);
        _ = await _artifacts.ReadVerifiedAsync(_models, record.ArtifactPath, record.Sha256, cancellationToken).ConfigureAwait(false);
        return await _versions.UpdateAsync(record.Model, VersionKey(record.Version), _ => record with { State = ModelVersionState.Ready }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A version ready to use; null for an unknown version or one still being registered.</summary>
    public async Task<ModelVersionRecord?> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default) =>
        (await _versions.GetAsync(model, VersionKey(version), cancellationToken).ConfigureAwait(false))?.Value is { State: ModelVersionState.Ready } ready ? ready : null;

    /// <summary>The model's versions that are ready to use.</summary>
    public async Task<IReadOnlyList<ModelVersionRecord>> ListVersionsAsync(string model, CancellationToken cancellationToken = default)
    {
        var versions = new List<ModelVersionRecord>();
        await foreach (Versioned<ModelVersionRecord> v in _versions.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (v.Value.State == ModelVersionState.Ready)
            {
                versions.Add(v.Value);
            }
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
    /// null means "not set"). Refused before anything is written when the alias name breaks <see cref="AliasName"/>,
    /// the version is unknown (<see cref="KeyNotFoundException"/>), its artifact is missing or altered
    /// (<see cref="ArtifactIntegrityException"/>), or its schema differs from the expected version's and
    /// <paramref name="acknowledgeSchemaChange"/> is false (<see cref="SchemaChangeException"/>). The attempt is then
    /// written to the history (pending), so no promotion goes unrecorded even if the process stops half-way; a lost
    /// race is recorded as a conflict and throws <see cref="PromotionConflictException"/>, a storage failure as failed.
    /// </summary>
    public async Task<PromotionRecord> PromoteAsync(
        string model, string alias, int version, int? expectedCurrent, string by, string reason, string? runId = null, string? evidence = null,
        bool acknowledgeSchemaChange = false, CancellationToken cancellationToken = default)
    {
        alias = AliasName.Normalize(alias);
        ModelVersionRecord target = await GetVersionAsync(model, version, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Model '{model}' has no version {version}.");
        _ = await _artifacts.ReadVerifiedAsync(_models, target.ArtifactPath, target.Sha256, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string>? schemaChanges = null;
        if (expectedCurrent is int from && from != version && await GetVersionAsync(model, from, cancellationToken).ConfigureAwait(false) is { } current)
        {
            IReadOnlyList<string> differences = SchemaComparison.Differences(current.Layout, target.Layout);
            if (differences.Count > 0 && !acknowledgeSchemaChange)
            {
                throw new SchemaChangeException(model, alias, from, version, differences);
            }

            schemaChanges = differences.Count > 0 ? differences : null;
        }

        DateTimeOffset now = _clock.GetUtcNow();
        string key = HistoryKey(now);
        var promotion = new PromotionRecord
        {
            Model = model, Alias = alias, FromVersion = expectedCurrent, ToVersion = version, At = now, By = by, Reason = reason, RunId = runId,
            Evidence = evidence, Outcome = PromotionOutcome.Pending, Key = key, SchemaChanges = schemaChanges, SchemaChangeAcknowledged = schemaChanges is not null,
        };
        await _promotions.TryAddAsync(model, key, promotion, cancellationToken).ConfigureAwait(false);

        var aliasTarget = new AliasRecord { Model = model, Alias = alias, Version = version, UpdatedAt = now, UpdatedBy = by, PromotionKey = key };
        bool moved;
        try
        {
            Versioned<AliasRecord>? existing = await _aliases.GetAsync(model, alias, cancellationToken).ConfigureAwait(false);
            moved = existing?.Value.Version == expectedCurrent && (existing is null
                ? await _aliases.TryAddAsync(model, alias, aliasTarget, cancellationToken).ConfigureAwait(false)
                : await _aliases.TryReplaceAsync(model, alias, aliasTarget, existing.ETag, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The alias did not move (or the write's answer was lost; then the alias carries this key and the history reads it as applied).
            await _promotions.UpsertAsync(model, key, promotion with { Outcome = PromotionOutcome.Failed, Error = ex.Message }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

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
    public async Task<PromotionRecord> RollbackAsync(
        string model, string alias, string by, string reason, bool acknowledgeSchemaChange = false, CancellationToken cancellationToken = default)
    {
        AliasRecord current = await GetAliasAsync(model, alias, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model '{model}' has no '{alias}' alias to roll back.");
        PromotionRecord? last = (await HistoryAsync(model, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(p => p.Alias == alias && p.Outcome == PromotionOutcome.Applied && p.ToVersion == current.Version);
        if (last?.FromVersion is not int previous)
        {
            throw new InvalidOperationException($"'{alias}' of '{model}' (version {current.Version}) has no previous version to roll back to.");
        }

        return await PromoteAsync(
            model, alias, previous, current.Version, by, $"rollback from v{current.Version}: {reason}", acknowledgeSchemaChange: acknowledgeSchemaChange,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The promotion history, newest first. A pending entry whose key an alias carries was applied (its writer stopped before saying so).</summary>
    public async Task<IReadOnlyList<PromotionRecord>> HistoryAsync(string model, CancellationToken cancellationToken = default)
    {
        var history = new List<PromotionRecord>();
        await foreach (Versioned<PromotionRecord> p in _promotions.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            history.Add(p.Value);
        }

        if (history.Any(p => p.Outcome is PromotionOutcome.Pending or PromotionOutcome.Failed))
        {
            HashSet<string?> applied = [.. (await ListAliasesAsync(model, cancellationToken).ConfigureAwait(false)).Select(a => a.PromotionKey)];
            history = [.. history.Select(p => p.Outcome is PromotionOutcome.Pending or PromotionOutcome.Failed && applied.Contains(p.Key) ? p with { Outcome = PromotionOutcome.Applied, Error = null } : p)];
        }

        return history;
    }

    /// <summary>A version (ready to use) already trained from this content with this spec version, if any.</summary>
    public async Task<ModelVersionRecord?> FindByDatasetAsync(string model, string datasetVersion, int specVersion, CancellationToken cancellationToken = default)
    {
        string filter = TableClient.CreateQueryFilter($"DatasetVersion eq {datasetVersion} and SpecVersion eq {specVersion}");
        await foreach (Versioned<ModelVersionRecord> v in _versions.QueryAsync(model, filter, cancellationToken).ConfigureAwait(false))
        {
            if (v.Value.State == ModelVersionState.Ready)
            {
                return v.Value;
            }
        }

        return null;
    }

    /// <returns>The row added and its ETag.</returns>
    private async Task<(ModelVersionRecord Added, Azure.ETag ETag)> AddRegisteringAsync(ModelVersionRecord candidate, CancellationToken cancellationToken)
    {
        int next = (await LatestVersionAsync(candidate.Model, cancellationToken).ConfigureAwait(false)) + 1;
        while (true)
        {
            var record = candidate with
            {
                Version = next, CreatedAt = _clock.GetUtcNow(), ArtifactPath = ArtifactPathFor(candidate.Model, next), State = ModelVersionState.Registering,
            };
            if (await _versions.AddIfAbsentAsync(candidate.Model, VersionKey(next), record, cancellationToken).ConfigureAwait(false) is { } etag)
            {
                return (record, etag);
            }

            next++; // another run registered this number first
        }
    }

    /// <summary>The run's version row with the lowest number (rows come in key order), ready or not.</summary>
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
