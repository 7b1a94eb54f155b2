namespace MlOps.Core.Specs;

/// <summary>How a passing challenger reaches production.</summary>
public sealed record DeploymentSpec
{
    public DeploymentMode Mode { get; init; } = DeploymentMode.Auto;

    /// <summary>How long an approval run waits before it expires.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>An alias (e.g. staging) that scores the same live requests as production, off the request path, for comparison in the prediction log.</summary>
    public string? ShadowAlias { get; init; }
}
