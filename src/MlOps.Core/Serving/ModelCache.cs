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
/// A stale alias is re-read by one request while the others keep serving the version they have.
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
        DateTimeOffset now = _clock.GetUtcNow();
        if (_aliases.TryGetValue(key, out CachedLookup<LoadedModel>? resolved) && (now - resolved.CheckedAt < _aliasRefresh || !resolved.TryClaimRefresh()))
        {
            return resolved.Value;
        }

        try
        {
            AliasRecord? record = await _registry.GetAliasAsync(model, alias, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return resolved?.Value ?? throw new ModelNotFoundException($"Model '{model}' has no '{alias}' version.");
            }

            try
            {
                LoadedModel loaded = await GetVersionAsync(model, record.Version, cancellationToken).ConfigureAwait(false);
                _aliases[key] = new CachedLookup<LoadedModel>(loaded, now);
                return loaded;
            }
            catch (ArtifactIntegrityException ex) when (resolved is not null)
            {
                _logger.LogError(ex, "Alias {Alias} of {Model} points at version {Version} whose artifact failed verification; still serving version {ServingVersion}",
                    alias, model, record.Version, resolved.Value.Version.Version);
                _aliases[key] = new CachedLookup<LoadedModel>(resolved.Value, now);
                return resolved.Value;
            }
        }
        finally
        {
            // Harmless when the entry was replaced; lets the next request retry when the re-read failed or found nothing.
            resolved?.ReleaseRefresh();
        }
    }

    /// <summary>The spec's shadow alias for a model, re-read no more often than aliases are (and by one request at a time).</summary>
    public async Task<string?> GetShadowAliasAsync(string model, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        if (_shadows.TryGetValue(model, out CachedLookup<string?>? cached) && (now - cached.CheckedAt < _aliasRefresh || !cached.TryClaimRefresh()))
        {
            return cached.Value;
        }

        try
        {
            string? alias = (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec.Deployment.ShadowAlias;
            _shadows[model] = new CachedLookup<string?>(alias, now);
            return alias;
        }
        finally
        {
            cached?.ReleaseRefresh();
        }
    }

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
