namespace MlOps.Core.Specs;

/// <summary>The search space and its budget.</summary>
public sealed record TrainingSpec
{
    public List<TrainerSpec> Trainers { get; init; } = [new TrainerSpec()];

    /// <summary>The validation metric candidates are ranked by (auc, accuracy, macroAccuracy, r2, rmse …); the task's default when empty.</summary>
    public string? PrimaryMetric { get; init; }

    public int Seed { get; init; } = 42;
}
