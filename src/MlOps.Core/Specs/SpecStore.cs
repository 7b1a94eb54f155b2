using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlOps.Core.Storage;

namespace MlOps.Core.Specs;

/// <summary>Versioned pipeline specs per model in Table storage.</summary>
public sealed class SpecStore
{
    private readonly JsonTable<SpecVersionRecord> _specs;
    private readonly TimeProvider _clock;

    public SpecStore(MlOpsStorage storage, TimeProvider clock)
    {
        _specs = new JsonTable<SpecVersionRecord>(storage.Table(storage.Layout.Specs));
        _clock = clock;
    }

    /// <summary>Stores a spec as the model's next version, unless it equals the latest one (then that is returned).</summary>
    public async Task<SpecVersionRecord> SaveAsync(string model, PipelineSpec spec, string source, CancellationToken cancellationToken = default)
    {
        PipelineSpecValidator.Validate(spec);
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PipelineSpecSerializer.Serialize(spec))));
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
            if (await _specs.TryAddAsync(model, Key(record.Version), record, cancellationToken).ConfigureAwait(false))
            {
                return record;
            }
        }
    }

    public async Task<SpecVersionRecord?> GetLatestAsync(string model, CancellationToken cancellationToken = default)
    {
        SpecVersionRecord? latest = null;
        await foreach (Versioned<SpecVersionRecord> s in _specs.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (latest is null || s.Value.Version > latest.Version)
            {
                latest = s.Value;
            }
        }

        return latest;
    }

    public async Task<SpecVersionRecord?> GetAsync(string model, int version, CancellationToken cancellationToken = default) =>
        (await _specs.GetAsync(model, Key(version), cancellationToken).ConfigureAwait(false))?.Value;

    private static string Key(int version) => version.ToString("D10", CultureInfo.InvariantCulture);
}
