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
            catch (ArtifactIntegrityException ex)
            {
                LoadedModel? fallback = resolved?.Value ?? await LoadPreviousGoodAsync(model, alias, record.Version, cancellationToken).ConfigureAwait(false);
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

                _aliases[key] = new CachedLookup<LoadedModel>(fallback, now);
                return fallback;
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
