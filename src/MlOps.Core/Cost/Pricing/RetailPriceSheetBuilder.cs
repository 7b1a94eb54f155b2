using System.Globalization;
using System.Text.RegularExpressions;
using MlOps.Core.AzureRest;

namespace MlOps.Core.Cost.Pricing;

/// <summary>
/// Turns Retail Prices API items into a dated list price sheet: each price of the sheet comes from one meter, its
/// paid tier (the first tier priced above zero, so a monthly free grant is not mistaken for the price), per the
/// meter's unit of measure ("10" executions, "10K" operations). A meter the API did not return keeps its old price.
/// </summary>
public static partial class RetailPriceSheetBuilder
{
    /// <summary>The filters the refresh sends: one per product, so each answer is a page or two.</summary>
    public static IReadOnlyList<string> Filters(string region) =>
    [
        $"serviceName eq 'Functions' and armRegionName eq '{region}' and priceType eq 'Consumption'",
        $"serviceName eq 'Storage' and armRegionName eq '{region}' and productName eq 'General Block Blob v2' and skuName eq 'Hot LRS'",
        $"serviceName eq 'Storage' and armRegionName eq '{region}' and productName eq 'Queues v2' and skuName eq 'Standard LRS'",
        $"serviceName eq 'Storage' and armRegionName eq '{region}' and productName eq 'Tables' and skuName eq 'Standard LRS'",
    ];

    /// <summary>Sheet meter → (product contains, meter name) in the Retail Prices API.</summary>
    public static IReadOnlyDictionary<string, (string Product, string Meter)> Meters { get; } = new Dictionary<string, (string, string)>
    {
        ["FlexExecutionTime"] = ("Flex Consumption", "On Demand Execution Time"),
        ["FlexExecutions"] = ("Flex Consumption", "On Demand Total Executions"),
        ["ConsumptionExecutionTime"] = ("Functions", "Standard Execution Time"),
        ["ConsumptionExecutions"] = ("Functions", "Standard Total Executions"),
        ["BlobStorage"] = ("General Block Blob v2", "Hot LRS Data Stored"),
        ["BlobWrite"] = ("General Block Blob v2", "Hot LRS Write Operations"),
        ["BlobRead"] = ("General Block Blob v2", "Hot Read Operations"),
        ["BlobList"] = ("General Block Blob v2", "Hot LRS List and Create Container Operations"),
        ["BlobOther"] = ("General Block Blob v2", "All Other Operations"),
        ["QueueOperations"] = ("Queues v2", "LRS Class 1 Operations"),
        ["TableOperations"] = ("Tables", "LRS Operations"),
    };

    public static (PriceSheet Sheet, PriceRefreshResult Result) Build(PriceSheet current, IReadOnlyList<RetailMeterPrice> items, string region, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(items);
        PriceSheet sheet = current with { Region = region, Currency = items.FirstOrDefault()?.CurrencyCode is { Length: > 0 } code ? code : current.Currency };
        var changed = new Dictionary<string, string>(StringComparer.Ordinal);
        var notFound = new List<string>();
        foreach ((string name, (string product, string meter)) in Meters)
        {
            RetailMeterPrice? paid = items
                .Where(i => (i.Type is "" or "Consumption") && i.ProductName.Contains(product, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(i.MeterName, meter, StringComparison.OrdinalIgnoreCase) && i.RetailPrice > 0)
                .OrderBy(i => i.TierMinimumUnits).FirstOrDefault();
            ListPrice old = sheet.Prices.Single(p => p.Meter == name).Price;
            if (paid is null || UnitsOf(paid.UnitOfMeasure) is not { } per)
            {
                notFound.Add($"{name} ({product} / {meter})");
                continue;
            }

            var price = new ListPrice
            {
                Amount = paid.RetailPrice,
                Per = per,
                Unit = old.Unit,
                Source = string.Create(CultureInfo.InvariantCulture,
                    $"Azure Retail Prices API, {region}: {paid.ProductName} / {paid.MeterName} per {paid.UnitOfMeasure} (tier from {paid.TierMinimumUnits:0}), effective {paid.EffectiveStartDate:yyyy-MM-dd}"),
                AsOf = asOf,
            };
            if (Math.Abs(price.UnitPrice - old.UnitPrice) > 1e-15)
            {
                changed[name] = string.Create(CultureInfo.InvariantCulture, $"{old.UnitPrice:G6} → {price.UnitPrice:G6} per {old.Unit.TrimEnd('s')}");
            }

            sheet = With(sheet, name, price);
        }

        sheet = sheet.Stamped();
        return (sheet, new PriceRefreshResult { Version = sheet.Version, Region = region, AsOf = asOf, Changed = changed, NotFound = notFound });
    }

    /// <summary>How many units a Retail Prices unit of measure stands for: "1 GB Second" → 1, "10" → 10, "10K" → 10,000, "1M" → 1,000,000.</summary>
    public static double? UnitsOf(string unitOfMeasure)
    {
        Match match = UnitPattern().Match(unitOfMeasure ?? "");
        if (!match.Success)
        {
            return null;
        }

        double number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value.ToUpperInvariant() switch
        {
            "K" => number * 1_000,
            "M" => number * 1_000_000,
            _ => number,
        };
    }

    private static PriceSheet With(PriceSheet sheet, string meter, ListPrice price) => meter switch
    {
        "FlexExecutionTime" => sheet with { FlexExecutionTime = price },
        "FlexExecutions" => sheet with { FlexExecutions = price },
        "ConsumptionExecutionTime" => sheet with { ConsumptionExecutionTime = price },
        "ConsumptionExecutions" => sheet with { ConsumptionExecutions = price },
        "BlobStorage" => sheet with { BlobStorage = price },
        "BlobWrite" => sheet with { BlobWrite = price },
        "BlobRead" => sheet with { BlobRead = price },
        "BlobList" => sheet with { BlobList = price },
        "BlobOther" => sheet with { BlobOther = price },
        "QueueOperations" => sheet with { QueueOperations = price },
        "TableOperations" => sheet with { TableOperations = price },
        _ => sheet,
    };

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*([KM]?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnitPattern();
}
