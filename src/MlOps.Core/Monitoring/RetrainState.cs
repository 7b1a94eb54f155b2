namespace MlOps.Core.Monitoring;

/// <summary>Per model: when the monitors last started a retrain, and which run it is (at most one at a time).</summary>
public sealed record RetrainState
{
    public required string Model { get; init; }

    public DateTimeOffset LastStartedAt { get; init; }

    public string? ActiveRunId { get; init; }
}
