using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;

namespace MlOps.Core.Specs;

/// <summary>
/// Versioned pipeline specs per model in Table storage. A table property holds at most 64 KiB (32K UTF-16
/// characters), so a larger spec (up to <see cref="PipelineSpecSerializer.MaxBytes"/>) is written to a blob named by
/// its hash first and its row refers to it: a row is only ever written once its spec can be read.
/// </summary>
public sealed class SpecStore
{
    /// <summary>Specs whose JSON is longer than this many characters go to a blob; well under the table property limit.</summary>
    internal const int InlineMaxChars = 30_000;

    private readonly JsonTable<StoredSpecVersion> _specs;
    private readonly BlobContainerClient _blobs;
    private readonly TimeProvider _clock;

    public SpecStore(MlOpsStorage storage, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _specs = new JsonTable<StoredSpecVersion>(storage.Table(storage.Layout.Specs));
        _blobs = storage.Container(storage.Layout.Models);
        _clock = clock;
    }

    /// <summary>Stores a spec as the model's next version, unless it equals the latest one (then that is returned).</summary>
    public async Task<SpecVersionRecord> SaveAsync(string model, PipelineSpec spec, string source, CancellationToken cancellationToken = default)
    {
        PipelineSpecValidator.Validate(spec);
        string json = PipelineSpecSerializer.Serialize(spec);
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        string? specBlob = null;
        if (JsonDefaults.Serialize(spec).Length > InlineMaxChars)
        {
            // Named by content, so racing writers of one spec write the same blob.
            specBlob = $"{model}/specs/{sha}.json";
            await _blobs.GetBlobClient(specBlob).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            SpecVersionRecord? latest = await GetLatestAsync(model, cancellationToken).ConfigureAwait(false);
            if (latest?.Sha256 == sha)
            {
                return latest;
            }

            var record = new SpecVersionRecord
            {
                Model = model, Version = (latest?.Version ?? 0) + 1, Spec = spec, Sha256 = sha, Source = source, CreatedAt = _clock.GetUtcNow(),
            };
            var stored = new StoredSpecVersion
            {
                Model = model, Version = record.Version, Spec = specBlob is null ? spec : null, SpecBlob = specBlob, Sha256 = sha, Source = source, CreatedAt = record.CreatedAt,
            };
            if (await _specs.TryAddAsync(model, Key(record.Version), stored, cancellationToken).ConfigureAwait(false))
            {
                return record;
            }
        }
    }

    public async Task<SpecVersionRecord?> GetLatestAsync(string model, CancellationToken cancellationToken = default)
    {
        StoredSpecVersion? latest = null;
        await foreach (Versioned<StoredSpecVersion> s in _specs.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (latest is null || s.Value.Version > latest.Version)
            {
                latest = s.Value;
            }
        }

        return latest is null ? null : await ResolveAsync(latest, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SpecVersionRecord?> GetAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        StoredSpecVersion? stored = (await _specs.GetAsync(model, Key(version), cancellationToken).ConfigureAwait(false))?.Value;
        return stored is null ? null : await ResolveAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SpecVersionRecord> ResolveAsync(StoredSpecVersion stored, CancellationToken cancellationToken)
    {
        PipelineSpec spec = stored.Spec ?? (stored.SpecBlob is string blob
            ? PipelineSpecSerializer.Parse((await _blobs.GetBlobClient(blob).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString())
            : throw new InvalidOperationException($"Spec version {stored.Version} of '{stored.Model}' has neither a spec nor a spec blob."));
        return new SpecVersionRecord
        {
            Model = stored.Model, Version = stored.Version, Spec = spec, Sha256 = stored.Sha256, Source = stored.Source, CreatedAt = stored.CreatedAt,
        };
    }

    private static string Key(int version) => version.ToString("D10", CultureInfo.InvariantCulture);
}
