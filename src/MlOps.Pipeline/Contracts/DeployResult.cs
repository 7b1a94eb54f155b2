namespace MlOps.Pipeline.Contracts;

/// <summary>The registered version and whether it now serves as production.</summary>
public sealed record DeployResult
{
    public int Version { get; init; }

    public bool Promoted { get; init; }

    public required string Reason { get; init; }

    /// <summary>The gate passed in approval mode: the run waits for a decision before promoting.</summary>
    public bool AwaitingApproval { get; init; }

    public TimeSpan ApprovalTimeout { get; init; }

    /// <summary>No decision arrived before the approval timeout.</summary>
    public bool Expired { get; init; }
}
