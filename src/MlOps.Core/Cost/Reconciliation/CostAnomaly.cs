namespace MlOps.Core.Cost.Reconciliation;

/// <summary>A model-day that cost more than the mean of its previous days by more than the spec's threshold.</summary>
public sealed record CostAnomaly
{
    public required string Model { get; init; }

    public required string Day { get; init; }

    public double Cost { get; init; }

    /// <summary>The mean cost of the <see cref="BaselineDays"/> days before.</summary>
    public double BaselineMean { get; init; }

    public int BaselineDays { get; init; }

    /// <summary>The share above the mean that counts as an anomaly (from the model's spec).</summary>
    public double Threshold { get; init; }

    public double Ratio => BaselineMean > 0 ? Cost / BaselineMean : double.PositiveInfinity;
}
