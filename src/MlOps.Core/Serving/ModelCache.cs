using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.Artifacts;
using MlOps.Core.Registry;
using MlOps.Core.Specs;

namespace MlOps.Core.Serving;

/// <summary>
/// Loads each model version once (after checking its SHA-256) and resolves aliases with a bounded staleness.
/// When an alias moves to an artifact that fails verification, the alias keeps serving its last good version.
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
    private readonly SpecStore _specs;

    public ModelCache(
        ModelRegistry registry, ArtifactStore artifacts, SpecStore specs, Storage.MlOpsStorage storage, TimeProvider clock, IOptions<ServingOptions> options, ILogger<ModelCache> logger)
    {
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
    /// The version an alias points at, loaded. With a <paramref name="previous"/> version being served: an alias that
    /// is gone, or moved to an artifact that fails verification, keeps serving it.
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
        catch (ArtifactIntegrityException ex) when (previous is not null)
        {
            _logger.LogError(ex, "Alias {Alias} of {Model} points at version {Version} whose artifact failed verification; still serving version {ServingVersion}",
                alias, model, record.Version, previous.Version.Version);
            return previous;
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
            _logger.LogError(ex, "Refused to load {Model} version {Version}: artifact hash mismatch", model, version);
            throw;
        }

        var loaded = new LoadedModel(record, artifact);
        _logger.LogInformation("Loaded {Model} version {Version} ({Bytes} bytes, sha256 {Sha})", model, version, record.SizeBytes, record.Sha256);
        return loaded;
    }
}
