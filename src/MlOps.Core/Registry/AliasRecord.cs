namespace MlOps.Core.Registry;

/// <summary>A named pointer (production, staging, …) to one version of a model.</summary>
public sealed record AliasRecord
{
    public required string Model { get; init; }

    public required string Alias { get; init; }

    public int Version { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string UpdatedBy { get; init; } = "system";

    /// <summary>Key of the promotion history entry that set this alias.</summary>
    public string? PromotionKey { get; init; }
}
