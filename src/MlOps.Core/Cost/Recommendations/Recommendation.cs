namespace MlOps.Core.Cost.Recommendations;

/// <summary>One way to spend less, with what it would save a month at the recent rate and the figures it rests on.</summary>
public sealed record Recommendation
{
    /// <summary>trainer, instance-memory, idle-version, idle-alias or prediction-log-retention.</summary>
    public required string Kind { get; init; }

    public required string Title { get; init; }

    public required string Detail { get; init; }

    /// <summary>Estimated saving per 30 days, in <see cref="Currency"/>, at the spending rate of the window looked at.</summary>
    public double MonthlySaving { get; init; }

    public string Currency { get; init; } = "USD";

    /// <summary>The measured figures behind it (costs, shares, counts, bytes).</summary>
    public Dictionary<string, double> Evidence { get; init; } = [];
}
