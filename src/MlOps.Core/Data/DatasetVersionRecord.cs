namespace MlOps.Core.Data;

/// <summary>A dataset version, identified by the SHA-256 of its content, with every blob name it arrived under.</summary>
public sealed record DatasetVersionRecord
{
    public required string Model { get; init; }

    public required string Sha256 { get; init; }

    public long SizeBytes { get; init; }

    public long Rows { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public List<string> Sources { get; init; } = [];

    /// <summary>The profile (prepared container): the baseline drift monitoring compares live data with.</summary>
    public string? Profile { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
