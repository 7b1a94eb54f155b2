using MlOps.Core.Telemetry;
using MlOps.Core.Training;

namespace MlOps.Pipeline.Contracts;

/// <summary>One candidate to train; it is skipped when it starts after the budget's deadline.</summary>
public sealed record CandidateInput : ITraceCarrier
{
    public required StageInput Stage { get; init; }

    public required CandidateSpec Candidate { get; init; }

    public int Index { get; init; }

    /// <summary>Candidates that have not started by then are skipped (the orchestration's clock, so replay-safe).</summary>
    public DateTimeOffset Deadline { get; init; }

    string ITraceCarrier.Model => Stage.Model;

    string? ITraceCarrier.TraceParent => Stage.TraceParent;
}
