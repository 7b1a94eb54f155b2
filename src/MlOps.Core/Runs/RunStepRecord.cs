namespace MlOps.Core.Runs;

/// <summary>One stage of a run (ingest, train, evaluate, deploy) with its own timing, for progress and overhead figures.</summary>
public sealed record RunStepRecord
{
    public required string Name { get; init; }

    public int Order { get; init; }

    public RunStatus Status { get; init; } = RunStatus.Running;

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public double? DurationMs { get; init; }

    public string? Detail { get; init; }

    public string? Error { get; init; }

    /// <summary>The last progress the step published (bytes and rows for ingest); kept on the finished record too.</summary>
    public StepProgress? Progress { get; init; }
}
