using MlOps.Core.Evaluation;
using MlOps.Core.Evaluation.Metrics;
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

    /// <summary>
    /// What the candidate was ranked by: its metrics on the validation split, or with training.folds the means over
    /// the folds (see <see cref="CrossValidation"/>). Earlier metric names read as today's.
    /// </summary>
    public Dictionary<string, double> ValidationMetrics { get; init => field = value is null ? [] : MetricNames.Canonical(value); } = [];

    /// <summary>The returned model's metrics on the rows it was fit on (for the overfitting check).</summary>
    public Dictionary<string, double> TrainMetrics { get; init => field = value is null ? [] : MetricNames.Canonical(value); } = [];

    /// <summary>With training.folds: each metric's mean and standard deviation over the folds, and the rows they cover.</summary>
    public CrossValidationSummary? CrossValidation { get; init; }

    /// <summary>Binary: the decision threshold the candidate's metrics were computed at (fixed, or chosen on the validation rows).</summary>
    public double? Threshold { get; init; }

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
