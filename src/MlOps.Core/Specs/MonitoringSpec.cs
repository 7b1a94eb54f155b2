namespace MlOps.Core.Specs;

/// <summary>What the scheduled monitors watch for this model and what they may do about it.</summary>
public sealed record MonitoringSpec
{
    public bool Enabled { get; init; } = true;

    /// <summary>The window of logged predictions each monitor run looks at.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    public DriftSpec Drift { get; init; } = new();

    public DecaySpec Decay { get; init; } = new();

    public RetrainSpec Retrain { get; init; } = new();

    public ServingSpec Serving { get; init; } = new();

    public CostMonitoringSpec Cost { get; init; } = new();
}
