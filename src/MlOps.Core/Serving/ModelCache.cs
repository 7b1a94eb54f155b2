using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.Alerts;
using MlOps.Core.Artifacts;
using MlOps.Core.Registry;
using MlOps.Core.Specs;

namespace MlOps.Core.Serving;

/// <summary>
/// Loads each model version once (after checking its SHA-256) and resolves aliases with a bounded staleness.
/// When an alias points at an artifact that is missing or fails verification, the alias serves its last good version:
/// the one this host was serving, or, on a host that has served nothing yet, the newest earlier version of the
/// alias's promotion history that loads; either way it logs the refusal and raises an alert.
/// Once an alias (or a model's shadow alias) has been read, requests never wait on storage for it again: a stale
/// entry is served while one background read refreshes it, and when that read fails (storage unreachable) the
/// entry keeps serving and the next request after the interval tries again.
/// </summary>
public sealed class ModelCache
{
    private readonly ModelRegistry _registry;
    private readonly ArtifactStore _artifacts;
    private readonly Storage.MlOpsStorage _storage;
    private readonly TimeProvider _clock;
    private readonly ILogger<ModelCache> _logger;
    private readonly TimeSpan _aliasRefresh;
    private readonly ConcurrentDictionary<(string Model, int Version), Lazy<Task<LoadedModel>>> _versions = new();
    private readonly ConcurrentDictionary<(string Model, string Alias), CachedLookup<LoadedModel>> _aliases = new();
    private readonly ConcurrentDictionary<string, CachedLookup<string?>> _shadows = new();
    private readonly ConcurrentDictionary<(string Model, string Alias, int Version, DateTimeOffset MovedAt), byte> _refused = new();
    private readonly SpecStore _specs;
    private readonly AlertPublisher _alerts;

    public ModelCache(
        ModelRegistry registry, ArtifactStore artifacts, SpecStore specs, Storage.MlOpsStorage storage, TimeProvider clock, IOptions<ServingOptions> options,
        AlertPublisher alerts, ILogger<ModelCache> logger)
    {
        _alerts = alerts;
        _specs = specs;
        _registry = registry;
        _artifacts = artifacts;
        _storage = storage;
        _clock = clock;
        _logger = logger;
        _aliasRefresh = options.Value.AliasRefreshInterval;
    }

    public async Task<LoadedModel> GetByAliasAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        var key = (model, alias);
        if (_aliases.TryGetValue(key, out CachedLookup<LoadedModel>? cached))
        {
            if (ClaimStale(cached))
            {
                RefreshAliasInBackground(model, alias, cached);
            }

            return cached.Value;
        }

        DateTimeOffset now = _clock.GetUtcNow();
        LoadedModel loaded = await ResolveAliasAsync(model, alias, previous: null, cancellationToken).ConfigureAwait(false);
        _aliases[key] = new CachedLookup<LoadedModel>(loaded, now);
        return loaded;
    }

    /// <summary>The spec's shadow alias for a model, re-read in the background no more often than aliases are.</summary>
    public async Task<string?> GetShadowAliasAsync(string model, CancellationToken cancellationToken = default)
    {
        if (_shadows.TryGetValue(model, out CachedLookup<string?>? cached))
        {
            if (ClaimStale(cached))
            {
                RefreshShadowInBackground(model, cached);
            }

            return cached.Value;
        }

        DateTimeOffset now = _clock.GetUtcNow();
        string? alias = await ReadShadowAliasAsync(model, cancellationToken).ConfigureAwait(false);
        _shadows[model] = new CachedLookup<string?>(alias, now);
        return alias;
    }

    /// <summary>True for the one caller that should start re-reading a stale entry (the others serve it meanwhile).</summary>
    private bool ClaimStale<T>(CachedLookup<T> cached) => _clock.GetUtcNow() - cached.CheckedAt >= _aliasRefresh && cached.TryClaimRefresh();

    // The refreshes run on the thread pool, so not even a read's synchronous start runs on the request; and they are
    // methods of their own, so the request path allocates no closure for them.
    private void RefreshAliasInBackground(string model, string alias, CachedLookup<LoadedModel> cached) =>
        _ = Task.Run(() => RefreshAsync(_aliases, (model, alias), cached, () => ResolveAliasAsync(model, alias, cached.Value, CancellationToken.None), $"alias '{alias}' of {model}"));

    private void RefreshShadowInBackground(string model, CachedLookup<string?> cached) =>
        _ = Task.Run(() => RefreshAsync(_shadows, model, cached, () => ReadShadowAliasAsync(model, CancellationToken.None), $"the shadow alias of {model}"));

    /// <summary>Replaces the entry with a fresh read; when the read fails, the entry stays and the next stale request tries again.</summary>
    private async Task RefreshAsync<TKey, T>(ConcurrentDictionary<TKey, CachedLookup<T>> entries, TKey key, CachedLookup<T> cached, Func<Task<T>> read, string what)
        where TKey : notnull
    {
        DateTimeOffset now = _clock.GetUtcNow();
        try
        {
            entries[key] = new CachedLookup<T>(await read().ConfigureAwait(false), now);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not refresh {Lookup}; serving the cached value, checked {Age} ago", what, now - cached.CheckedAt);
        }
        finally
        {
            // Harmless when the entry was replaced; lets the next request retry when the re-read failed.
            cached.ReleaseRefresh();
        }
    }

    /// <summary>
    /// The version an alias points at, loaded. An alias that is gone keeps serving <paramref name="previous"/> (the
    /// version being served); one that points at a refused artifact serves <paramref name="previous"/> or, on a host
    /// that has served nothing yet, the newest earlier good version of its promotion history.
    /// </summary>
    private async Task<LoadedModel> ResolveAliasAsync(string model, string alias, LoadedModel? previous, CancellationToken cancellationToken)
    {
        AliasRecord? record = await _registry.GetAliasAsync(model, alias, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return previous ?? throw new ModelNotFoundException($"Model '{model}' has no '{alias}' version.");
        }

        try
        {
            return await GetVersionAsync(model, record.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactIntegrityException ex)
        {
            LoadedModel? fallback = previous ?? await LoadPreviousGoodAsync(model, alias, record.Version, cancellationToken).ConfigureAwait(false);
            if (fallback is null)
            {
                throw;
            }

            // Said once per alias move; every refresh still tries the artifact again, so a restored one is served again.
            if (_refused.TryAdd((model, alias, record.Version, record.UpdatedAt), 0))
            {
                _logger.LogError(ex, "Alias {Alias} of {Model} points at version {Version} whose artifact was refused; serving version {ServingVersion} instead",
                    alias, model, record.Version, fallback.Version.Version);
                await RaiseFallbackAlertAsync(record, ex, fallback.Version.Version).ConfigureAwait(false);
            }

            return fallback;
        }
    }

    private async Task<string?> ReadShadowAliasAsync(string model, CancellationToken cancellationToken) =>
        (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec.Deployment.ShadowAlias;

    public async Task<LoadedModel> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        Lazy<Task<LoadedModel>> lazy = _versions.GetOrAdd((model, version), key => new Lazy<Task<LoadedModel>>(() => LoadAsync(key.Model, key.Version)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Do not cache failures: a fixed artifact or a transient error should load next time.
            _versions.TryRemove(new KeyValuePair<(string, int), Lazy<Task<LoadedModel>>>((model, version), lazy));
            throw;
        }
    }

    /// <summary>The newest version the alias pointed at before (its applied promotions, newest first) whose artifact loads; null when none does.</summary>
    private async Task<LoadedModel?> LoadPreviousGoodAsync(string model, string alias, int refused, CancellationToken cancellationToken)
    {
        IEnumerable<int> earlier = (await _registry.HistoryAsync(model, cancellationToken).ConfigureAwait(false))
            .Where(p => p.Alias == alias && p.Outcome == PromotionOutcome.Applied)
            .SelectMany(p => p.FromVersion is int from ? new[] { p.ToVersion, from } : [p.ToVersion])
            .Where(v => v != refused)
            .Distinct();
        foreach (int version in earlier)
        {
            try
            {
                return await GetVersionAsync(model, version, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArtifactIntegrityException or ModelNotFoundException)
            {
                _logger.LogWarning("Version {Version} of {Model} cannot stand in for version {Refused} either: {Problem}", version, model, refused, ex.Message);
            }
        }

        return null;
    }

    /// <summary>
    /// One alert per alias move to a refused artifact, whichever host notices it first (the id and time come from the
    /// alias record, so every host names the same alert). A storage error here must not fail the request that is being answered from the fallback.
    /// </summary>
    private async Task RaiseFallbackAlertAsync(AliasRecord alias, ArtifactIntegrityException problem, int serving)
    {
        try
        {
            await _alerts.PublishAsync(new AlertRecord
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"artifact-{alias.Alias}-v{alias.Version}-{alias.UpdatedAt.UtcTicks}"), Model = alias.Model, Kind = AlertKind.ArtifactRefused, Severity = AlertSeverity.Critical, At = alias.UpdatedAt,
                Message = $"'{alias.Alias}' points at v{alias.Version}, whose artifact was refused ({(problem.IsMissing ? "missing" : "altered")}); serving v{serving} from the promotion history. {problem.Message}",
            }).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            _logger.LogWarning(ex, "Could not record the alert for {Model} {Alias} v{Version}", alias.Model, alias.Alias, alias.Version);
        }
    }

    private async Task<LoadedModel> LoadAsync(string model, int version)
    {
        ModelVersionRecord record = await _registry.GetVersionAsync(model, version).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Model '{model}' has no version {version}.");
        byte[] artifact;
        try
        {
            artifact = await _artifacts.ReadVerifiedAsync(_storage.Layout.Models, record.ArtifactPath, record.Sha256).ConfigureAwait(false);
        }
        catch (ArtifactIntegrityException ex)
        {
            _logger.LogError(ex, "Refused to load {Model} version {Version}: {Problem}", model, version, ex.IsMissing ? "artifact missing" : "artifact hash mismatch");
            throw;
        }

        var loaded = new LoadedModel(record, artifact);
        _logger.LogInformation("Loaded {Model} version {Version} ({Bytes} bytes, sha256 {Sha})", model, version, record.SizeBytes, record.Sha256);
        return loaded;
    }
}
