namespace MlOps.Core.Specs;

/// <summary>The search space (trainers and their hyperparameter grids), how candidates are compared, and the budget.</summary>
public sealed record TrainingSpec
{
    /// <summary>Trainers to try; the task's default set when empty.</summary>
    public List<TrainerSpec> Trainers { get; init; } = [];

    /// <summary>The validation metric candidates are ranked by (auc, accuracy, macroAccuracy, logLoss, r2, rmse …); the task's default when empty.</summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>0: compare on the validation split; k ≥ 2: k-fold cross-validation over train + validation.</summary>
    public int Folds { get; init; }

    /// <summary>At most this many candidates (trainer × grid point) are trained; the grid is cut in a seeded order.</summary>
    public int MaxCandidates { get; init; } = 8;

    /// <summary>
    /// Candidates start in waves of <see cref="MaxParallel"/>; a wave does not start when the time spent plus the
    /// wave's projected time (the finished waves' mean) would pass this, and candidates not started within it are skipped.
    /// </summary>
    public TimeSpan MaxWallTime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many candidates train at once (a wave). Before each wave after the first, the run's spending plus the
    /// wave's projected cost is held against budget.perRun, and its time against <see cref="MaxWallTime"/>.
    /// </summary>
    public int MaxParallel { get; init; } = 4;

    public int Seed { get; init; } = 42;

    public FeaturizationSpec Featurization { get; init; } = new();
}
