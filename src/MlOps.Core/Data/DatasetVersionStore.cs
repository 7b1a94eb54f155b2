using MlOps.Core.Storage;

namespace MlOps.Core.Data;

/// <summary>Dataset versions per model (partition = model, row = content hash).</summary>
public sealed class DatasetVersionStore
{
    private readonly JsonTable<DatasetVersionRecord> _versions;

    public DatasetVersionStore(MlOpsStorage storage) =>
        _versions = new JsonTable<DatasetVersionRecord>(storage.Table(storage.Layout.DatasetVersions));

    public async Task<DatasetVersionRecord?> GetAsync(string model, string sha256, CancellationToken cancellationToken = default) =>
        (await _versions.GetAsync(model, sha256, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Records a version, or links another source blob to an existing one with the same content.</summary>
    public async Task<DatasetVersionRecord> RecordAsync(DatasetVersionRecord version, string source, CancellationToken cancellationToken = default)
    {
        if (await _versions.TryAddAsync(version.Model, version.Sha256, version with { Sources = [source] }, cancellationToken).ConfigureAwait(false))
        {
            return version with { Sources = [source] };
        }

        return await _versions.UpdateAsync(version.Model, version.Sha256,
            existing => existing.Sources.Contains(source) ? existing : existing with { Sources = [.. existing.Sources, source] }, cancellationToken).ConfigureAwait(false);
    }
}
