namespace MlOps.Core.Specs;

/// <summary>How a passing challenger reaches production.</summary>
public sealed record DeploymentSpec
{
    public DeploymentMode Mode { get; init; } = DeploymentMode.Auto;

    /// <summary>How long an approval run waits before it expires.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>An alias (e.g. staging) that scores the same live requests as production, off the request path, for comparison in the prediction log.</summary>
    public string? ShadowAlias { get; init; }

    /// <summary>
    /// A challenger whose schema differs from production's (columns gone, new, renamed or retyped; another label,
    /// task or set of classes) is never promoted automatically: reject (the default) or wait for approval.
    /// </summary>
    public SchemaChangeAction OnSchemaChange { get; init; } = SchemaChangeAction.Reject;
}
