namespace MlOps.Pipeline.Contracts;

/// <summary>Whether the monitor retrains, and if so the recorded run to execute (as a sub-orchestration).</summary>
public sealed record RetrainPlan
{
    public bool Start { get; init; }

    public required string Reason { get; init; }

    public TrainingRequest? Request { get; init; }
}
