using MlOps.Core.Training;

namespace MlOps.Pipeline.Contracts;

/// <summary>The search the orchestrator fans out: the candidates, how to rank them, and the wall-time budget.</summary>
public sealed record CandidatePlan
{
    public List<CandidateSpec> Candidates { get; init; } = [];

    public required string PrimaryMetric { get; init; }

    public TimeSpan MaxWallTime { get; init; }
}
