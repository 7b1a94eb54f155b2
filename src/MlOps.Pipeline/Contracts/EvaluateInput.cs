namespace MlOps.Pipeline.Contracts;

/// <summary>The chosen candidate to evaluate on the test split, with its metrics on its own training rows (for the overfitting check).</summary>
public sealed record EvaluateInput
{
    public required StageInput Stage { get; init; }

    public Dictionary<string, double> TrainMetrics { get; init; } = [];
}
