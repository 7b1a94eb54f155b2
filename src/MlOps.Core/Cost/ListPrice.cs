namespace MlOps.Core.Cost;

/// <summary>
/// One published price: <see cref="Amount"/> (in the sheet's currency) buys <see cref="Per"/> units of
/// <see cref="Unit"/>, as <see cref="Source"/> listed it on <see cref="AsOf"/>.
/// </summary>
public sealed record ListPrice
{
    public double Amount { get; init; }

    /// <summary>How many units the amount buys: 1 GB-s, 1,000,000 executions, 10,000 operations.</summary>
    public double Per { get; init; } = 1;

    public required string Unit { get; init; }

    /// <summary>Where the price comes from: a pricing page, the Retail Prices API, or the configuration key that overrode it.</summary>
    public required string Source { get; init; }

    /// <summary>The date the price was read from its source.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>The price of one unit.</summary>
    public double UnitPrice => Amount / Per;
}
