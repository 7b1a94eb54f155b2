namespace MlOps.Pipeline.Contracts;

/// <summary>Which run's spending to read before which wave, and which of its candidates finished (their costs project the next wave's).</summary>
public sealed record RunSpendInput
{
    public required string RunId { get; init; }

    public int Wave { get; init; }

    public List<int> FinishedCandidates { get; init; } = [];
}
