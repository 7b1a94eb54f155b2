namespace MlOps.Pipeline.Contracts;

/// <summary>The trained candidate: where its artifact is, how it was trained, and how it scored on validation.</summary>
public sealed record TrainResult
{
    public required string CandidatePath { get; init; }

    public required string CandidateSha256 { get; init; }

    public required string Trainer { get; init; }

    public Dictionary<string, double> Parameters { get; init; } = [];

    public Dictionary<string, double> ValidationMetrics { get; init; } = [];

    public double DurationMs { get; init; }
}
