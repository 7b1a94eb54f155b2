using MlOps.Core.Training;

namespace MlOps.Pipeline.Contracts;

/// <summary>The search the orchestrator fans out: the candidates, how to rank them (selection metric, then tie-breaker), how many at once, and the time and cost budgets.</summary>
public sealed record CandidatePlan
{
    public List<CandidateSpec> Candidates { get; init; } = [];

    public required string PrimaryMetric { get; init; }

    /// <summary>What decides between candidates equal on <see cref="PrimaryMetric"/>; null in plans made before there was one.</summary>
    public string? TieBreakMetric { get; init; }

    public TimeSpan MaxWallTime { get; init; }

    /// <summary>Candidates per wave (training.maxParallel).</summary>
    public int MaxParallel { get; init; } = 4;

    /// <summary>budget.perRun, in <see cref="BudgetCurrency"/>; null for no limit.</summary>
    public double? PerRunBudget { get; init; }

    public string BudgetCurrency { get; init; } = "USD";
}
