namespace MlOps.Pipeline.Contracts;

/// <summary>The chosen candidate: where its artifact is, how it was trained, and how it scored on validation and on its training rows.</summary>
public sealed record TrainResult
{
    public required string CandidatePath { get; init; }

    public required string CandidateSha256 { get; init; }

    public required string Trainer { get; init; }

    public Dictionary<string, double> Parameters { get; init; } = [];

    public Dictionary<string, double> ValidationMetrics { get; init; } = [];

    /// <summary>The chosen model's metrics on the rows it was fit on, for the overfitting check.</summary>
    public Dictionary<string, double> TrainMetrics { get; init; } = [];

    public double DurationMs { get; init; }
}
