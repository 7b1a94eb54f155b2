namespace MlOps.Core.Cost;

/// <summary>Who a unit of work's cost belongs to, and the ledger key that makes writing it again a replacement.</summary>
public sealed record CostAttribution
{
    /// <summary>The ledger row key: stable across retries of the same unit.</summary>
    public required string Id { get; init; }

    public required string Model { get; init; }

    public CostKind Kind { get; init; }

    public required string Stage { get; init; }

    public required string Unit { get; init; }

    public string? RunId { get; init; }

    public int? CandidateIndex { get; init; }

    public string? MonitorId { get; init; }

    public int? ModelVersion { get; init; }

    public DateTimeOffset? Hour { get; init; }

    public string? Instance { get; init; }
}
