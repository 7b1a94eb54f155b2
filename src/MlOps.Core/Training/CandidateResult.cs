using MlOps.Core.Evaluation;

namespace MlOps.Core.Training;

/// <summary>
/// What training one candidate gave, as an experiment tracker records it: the ranking metrics (validation split, or
/// the mean over cross-validation folds), the returned model's metrics on the rows it was fit on, the duration, and
/// an error message instead of metrics when the trainer failed.
/// </summary>
public sealed record CandidateResult(
    CandidateSpec Candidate,
    Dictionary<string, double> ValidationMetrics,
    Dictionary<string, double> TrainMetrics,
    double DurationMs,
    string? Error)
{
    /// <summary>Everything needed to repeat the training: versions, resolved trainer options, seed.</summary>
    public TrainingProvenance? Provenance { get; init; }

    /// <summary>Binary: the decision threshold the metrics were computed at (fixed by the spec, or chosen on the validation rows).</summary>
    public double? Threshold { get; init; }

    /// <summary>With training.folds: each metric's mean and standard deviation over the folds, and the rows they cover.</summary>
    public CrossValidationSummary? CrossValidation { get; init; }

    public bool Succeeded => Error is null;
}
