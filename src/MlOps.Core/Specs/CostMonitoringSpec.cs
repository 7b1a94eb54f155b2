namespace MlOps.Core.Specs;

/// <summary>When the daily cost monitor calls a day's cost of this model an anomaly.</summary>
public sealed record CostMonitoringSpec
{
    /// <summary>A day costing more than the mean of the previous days by more than this share (0.5 = 50 %) raises an alert.</summary>
    public double AnomalyThreshold { get; init; } = 0.5;

    /// <summary>How many previous days the mean is taken over.</summary>
    public int BaselineDays { get; init; } = 7;
}
