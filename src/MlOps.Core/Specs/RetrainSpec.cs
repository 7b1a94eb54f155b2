namespace MlOps.Core.Specs;

/// <summary>Whether monitors may start retraining, and how often at most.</summary>
public sealed record RetrainSpec
{
    public bool Enabled { get; init; }

    public TimeSpan Cooldown { get; init; } = TimeSpan.FromHours(24);
}
