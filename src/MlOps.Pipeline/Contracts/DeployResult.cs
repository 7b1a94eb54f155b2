namespace MlOps.Pipeline.Contracts;

/// <summary>The registered version and whether it now serves as production.</summary>
public sealed record DeployResult
{
    public int Version { get; init; }

    public bool Promoted { get; init; }

    public required string Reason { get; init; }
}
