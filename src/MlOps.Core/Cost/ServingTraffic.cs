namespace MlOps.Core.Cost;

/// <summary>A model's (or version's) observed serving: predictions and requests, what they cost, and the monthly rate.</summary>
public sealed record ServingTraffic
{
    public long Predictions { get; init; }

    public long Requests { get; init; }

    public double Cost { get; init; }

    /// <summary>Predictions per 30 days: those of the window, extrapolated when serving began within it.</summary>
    public double PredictionsPerMonth { get; init; }

    public double RowsPerRequest => Requests == 0 ? 1 : (double)Predictions / Requests;

    /// <summary>Measured cost per 1,000 predictions; null without predictions.</summary>
    public double? CostPer1000 => Predictions == 0 ? null : Cost / Predictions * 1000;
}
