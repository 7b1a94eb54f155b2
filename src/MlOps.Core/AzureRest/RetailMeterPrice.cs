namespace MlOps.Core.AzureRest;

/// <summary>One meter price of the Azure Retail Prices API (one tier of it, where a meter is tiered).</summary>
public sealed record RetailMeterPrice
{
    public string CurrencyCode { get; init; } = "USD";

    /// <summary>The pay-as-you-go price per <see cref="UnitOfMeasure"/>.</summary>
    public double RetailPrice { get; init; }

    /// <summary>The unit the price is for: "1 GB Second", "10" (executions), "10K" (operations), "1 GB/Month", …</summary>
    public string UnitOfMeasure { get; init; } = "";

    /// <summary>The tier starts after this many units a month (a free grant is a first tier priced 0).</summary>
    public double TierMinimumUnits { get; init; }

    public string ServiceName { get; init; } = "";

    public string ProductName { get; init; } = "";

    public string SkuName { get; init; } = "";

    public string MeterName { get; init; } = "";

    public string ArmRegionName { get; init; } = "";

    /// <summary>Consumption, Reservation or DevTestConsumption.</summary>
    public string Type { get; init; } = "";

    public DateTimeOffset EffectiveStartDate { get; init; }
}
