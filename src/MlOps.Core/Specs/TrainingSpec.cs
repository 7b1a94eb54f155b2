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

    /// <summary>Candidates not started within this time after training began are skipped.</summary>
    public TimeSpan MaxWallTime { get; init; } = TimeSpan.FromMinutes(30);

    public int Seed { get; init; } = 42;

    public FeaturizationSpec Featurization { get; init; } = new();
}
