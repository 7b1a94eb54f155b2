namespace MlOps.Host.Runtime;

/// <summary>
/// What a running local host tells the CLI about itself (the discovery file): its process, where its API listens,
/// the key for calls that change state, and the storage it watches for uploads.
/// </summary>
public sealed record HostDiscoveryRecord
{
    public required int ProcessId { get; init; }

    /// <summary>The process's start time: with the id, it tells a live host from a dead one whose id was reused.</summary>
    public required DateTimeOffset ProcessStartedAt { get; init; }

    public required string ApiUrl { get; init; }

    public string? ApiKey { get; init; }

    public required string BlobEndpoint { get; init; }

    public string? TableEndpoint { get; init; }

    /// <summary>Only for the storage emulator, whose account key is published (not a secret); other accounts' keys stay in their configuration.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The datasets container's name, with the host's storage prefix.</summary>
    public required string DatasetsContainer { get; init; }

    public string? Version { get; init; }

    public DateTimeOffset StartedAt { get; init; }
}
