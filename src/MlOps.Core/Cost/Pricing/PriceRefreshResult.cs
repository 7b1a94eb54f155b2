namespace MlOps.Core.Cost.Pricing;

/// <summary>What a refresh from the Retail Prices API did: the new list's version, the prices that changed, and the meters it could not find (kept as they were).</summary>
public sealed record PriceRefreshResult
{
    public required string Version { get; init; }

    public required string Region { get; init; }

    public DateOnly AsOf { get; init; }

    /// <summary>meter → "old → new" per unit, for the prices that changed.</summary>
    public Dictionary<string, string> Changed { get; init; } = [];

    public IReadOnlyList<string> NotFound { get; init; } = [];

    /// <summary>Where the dated list is stored in the reports container.</summary>
    public string? Blob { get; init; }

    /// <summary>The version of the sheet in force after the configured overrides were applied.</summary>
    public string? InForce { get; init; }
}
