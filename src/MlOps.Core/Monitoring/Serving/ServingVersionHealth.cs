namespace MlOps.Core.Monitoring.Serving;

/// <summary>One served version's figures over a window: how many requests, what share failed, how long they took.</summary>
public sealed record ServingVersionHealth
{
    public int Version { get; init; }

    public long Requests { get; init; }

    /// <summary>Requests that failed on the service's side (not the caller's bad input or an unknown model).</summary>
    public long Errors { get; init; }

    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    public double? P50Ms { get; init; }

    public double? P95Ms { get; init; }

    public double? P99Ms { get; init; }
}
