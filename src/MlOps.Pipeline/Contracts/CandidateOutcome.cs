using MlOps.Core.Training;

namespace MlOps.Pipeline.Contracts;

/// <summary>What one candidate's activity reports back for the fan-in: its result (provenance stays in the Candidates table) and its artifact.</summary>
public sealed record CandidateOutcome
{
    public int Index { get; init; }

    public required CandidateResult Result { get; init; }

    public string? ArtifactPath { get; init; }

    public string? Sha256 { get; init; }

    public bool Skipped { get; init; }

    /// <summary>The candidate's activity itself failed (after retries), so it could not record itself.</summary>
    public bool Crashed { get; init; }
}
