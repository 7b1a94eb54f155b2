using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Contracts;

/// <summary>The fan-in's verdict, recorded as the run's train step.</summary>
public sealed record TrainingSummary : ITraceCarrier
{
    public required string RunId { get; init; }

    public int Candidates { get; init; }

    public int Failed { get; init; }

    public int Skipped { get; init; }

    /// <summary>The chosen candidate's index and id; null when none succeeded.</summary>
    public int? BestIndex { get; init; }

    public string? BestId { get; init; }

    public required string Detail { get; init; }

    /// <summary>Candidates whose activity failed before recording them; the fan-in records them.</summary>
    public List<CandidateOutcome> Crashed { get; init; } = [];

    /// <summary>Candidates never started because a budget stopped the sweep (their reason in the result's error); the fan-in records them as skipped.</summary>
    public List<CandidateOutcome> NotStarted { get; init; } = [];

    public string Model { get; init; } = "";

    /// <summary>The W3C traceparent of the run's root span, so every activity of the run joins its trace.</summary>
    public string? TraceParent { get; init; }
}
