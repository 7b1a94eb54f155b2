namespace MlOps.Pipeline.Contracts;

/// <summary>A run's spending so far, from its ledger rows, for the orchestrator's budget decision.</summary>
public sealed record RunSpend
{
    public double Spent { get; init; }

    /// <summary>The mean measured cost of the finished candidates asked about; 0 when none has a row.</summary>
    public double MeanCandidateCost { get; init; }

    public int CandidatesMeasured { get; init; }

    public required string Currency { get; init; }
}
