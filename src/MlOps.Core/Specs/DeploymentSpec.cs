namespace MlOps.Core.Specs;

/// <summary>How a passing challenger reaches production.</summary>
public sealed record DeploymentSpec
{
    public DeploymentMode Mode { get; init; } = DeploymentMode.Auto;

    /// <summary>How long an approval run waits before it expires.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);
}
