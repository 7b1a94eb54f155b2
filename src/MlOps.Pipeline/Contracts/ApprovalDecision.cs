namespace MlOps.Pipeline.Contracts;

/// <summary>A human's answer to a run waiting for approval, raised as the run's external event.</summary>
public sealed record ApprovalDecision
{
    public const string EventName = "approval";

    public bool Approved { get; init; }

    public string By { get; init; } = "unknown";

    public string Reason { get; init; } = string.Empty;
}
