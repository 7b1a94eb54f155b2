using System.Globalization;
using MlOps.Core.Storage;

namespace MlOps.Core.Runs;

/// <summary>A run's candidates (partition = run id), written by each candidate's activity and keyed so a retry overwrites its own row.</summary>
public sealed class CandidateStore
{
    private readonly JsonTable<CandidateRecord> _candidates;

    public CandidateStore(MlOpsStorage storage) => _candidates = new JsonTable<CandidateRecord>(storage.Table(storage.Layout.Candidates));

    public Task SaveAsync(CandidateRecord candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return _candidates.UpsertAsync(candidate.RunId, Key(candidate), candidate, cancellationToken);
    }

    public async Task<IReadOnlyList<CandidateRecord>> ListAsync(string runId, CancellationToken cancellationToken = default)
    {
        var candidates = new List<CandidateRecord>();
        await foreach (Versioned<CandidateRecord> c in _candidates.QueryAsync(runId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            candidates.Add(c.Value);
        }

        return [.. candidates.OrderBy(c => c.Index)];
    }

    /// <summary>The candidate of a run whose model was stored at <paramref name="artifactPath"/> (the one the fan-in chose), or null.</summary>
    public async Task<CandidateRecord?> FindByArtifactAsync(string runId, string artifactPath, CancellationToken cancellationToken = default) =>
        (await ListAsync(runId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.ArtifactPath == artifactPath);

    /// <summary>Marks the chosen candidate.</summary>
    public async Task MarkSelectedAsync(string runId, int index, string candidateId, CancellationToken cancellationToken = default)
    {
        string key = Key(index, candidateId);
        await _candidates.UpdateAsync(runId, key, c => c with { Selected = true }, cancellationToken).ConfigureAwait(false);
    }

    private static string Key(CandidateRecord candidate) => Key(candidate.Index, candidate.Candidate.Id);

    private static string Key(int index, string candidateId) => index.ToString("D4", CultureInfo.InvariantCulture) + "-" + candidateId;
}
