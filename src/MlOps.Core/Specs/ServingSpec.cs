namespace MlOps.Core.Specs;

/// <summary>When the model's serving counts as unhealthy in a monitor window (each served version judged on its own).</summary>
public sealed record ServingSpec
{
    /// <summary>Share of requests that may fail on the service's side (bad input and unknown models do not count).</summary>
    public double MaxErrorRate { get; init; } = 0.01;

    /// <summary>The 95th percentile of the time to answer, in milliseconds.</summary>
    public double MaxP95Ms { get; init; } = 250;

    /// <summary>A version with fewer requests in the window is reported but not judged.</summary>
    public int MinRequests { get; init; } = 100;
}
