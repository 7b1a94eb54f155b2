using MlOps.Core.Training;

namespace MlOps.Pipeline.Contracts;

/// <summary>The search the orchestrator fans out: the candidates, how to rank them (selection metric, then tie-breaker), and the wall-time budget.</summary>
public sealed record CandidatePlan
{
    public List<CandidateSpec> Candidates { get; init; } = [];

    public required string PrimaryMetric { get; init; }

    /// <summary>What decides between candidates equal on <see cref="PrimaryMetric"/>; null in plans made before there was one.</summary>
    public string? TieBreakMetric { get; init; }

    public TimeSpan MaxWallTime { get; init; }
}
