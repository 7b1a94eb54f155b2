using MlOps.Core.Training;

namespace MlOps.Core.Runs;

/// <summary>One candidate of a run's search, as an experiment tracker keeps it: what was tried, how it scored, how long it took, or why it failed.</summary>
public sealed record CandidateRecord
{
    public required string RunId { get; init; }

    public int Index { get; init; }

    public required CandidateSpec Candidate { get; init; }

    /// <summary>succeeded, failed, or skipped (over the wall-time budget).</summary>
    public required string Status { get; init; }

    public Dictionary<string, double> ValidationMetrics { get; init; } = [];

    public Dictionary<string, double> TrainMetrics { get; init; } = [];

    public string? Error { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset EndedAt { get; init; }

    public double DurationMs { get; init; }

    public string? ArtifactPath { get; init; }

    public TrainingProvenance? Provenance { get; init; }

    /// <summary>Set on the candidate the fan-in chose.</summary>
    public bool Selected { get; init; }

    /// <summary>What training it cost, from the cost ledger when the candidates are read (not stored with the candidate).</summary>
    public double? Cost { get; init; }
}
