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

    public bool Succeeded => Error is null;
}
