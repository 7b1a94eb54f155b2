namespace MlOps.Core.Cost;

/// <summary>
/// Configured changes to the list prices (section <c>Cost:PriceSheet</c>): the plan, the instance memory, the
/// currency and any price by meter name (<c>Cost:PriceSheet:Prices:BlobWrite:Amount</c>). Applied on top of the list
/// prices, including list prices refreshed at run time, so a negotiated rate stays in force.
/// </summary>
public sealed class PriceSheetOptions
{
    public static readonly IReadOnlyList<int> FlexInstanceMemoryMb = [512, 2048, 4096];

    public string? Currency { get; set; }

    public string? Region { get; set; }

    public HostingPlan? Plan { get; set; }

    public int? InstanceMemoryMb { get; set; }

    /// <summary>Overrides by meter name (FlexExecutionTime, BlobWrite, TableOperations …).</summary>
    public Dictionary<string, ListPriceOptions> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The problems with these settings, each naming its configuration key; empty when they apply.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        HostingPlan plan = Plan ?? HostingPlan.FlexConsumption;
        if (plan == HostingPlan.FlexConsumption && InstanceMemoryMb is int memory && !FlexInstanceMemoryMb.Contains(memory))
        {
            problems.Add($"{CostOptions.SectionName}:PriceSheet:InstanceMemoryMb is {memory}; Flex Consumption instances have 512, 2048 or 4096 MB.");
        }

        IReadOnlyList<string> meters = [.. PriceSheetDefaults.ListPrices.Prices.Select(p => p.Meter)];
        foreach ((string meter, ListPriceOptions price) in Prices)
        {
            string key = $"{CostOptions.SectionName}:PriceSheet:Prices:{meter}";
            if (!meters.Contains(meter, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{key} is not a price; the prices are {string.Join(", ", meters)}.");
            }
            else if (price.Amount is < 0 || price.Per is <= 0)
            {
                problems.Add($"{key}: Amount must not be negative and Per must be positive.");
            }
            else if (price.Amount is not null && price.AsOf is null)
            {
                problems.Add($"{key}:AsOf is required with Amount (yyyy-MM-dd): every price the ledger applies carries its date.");
            }
        }

        return problems;
    }

    /// <summary>The list prices with these settings applied, stamped with their version.</summary>
    public PriceSheet ApplyTo(PriceSheet list)
    {
        ArgumentNullException.ThrowIfNull(list);
        HostingPlan plan = Plan ?? list.Plan;
        PriceSheet sheet = list with
        {
            Currency = Currency ?? list.Currency,
            Region = Region ?? list.Region,
            Plan = plan,
            InstanceMemoryMb = InstanceMemoryMb ?? list.InstanceMemoryMb,
            Billing = plan == list.Plan ? list.Billing : PriceSheetDefaults.BillingFor(plan),
        };
        foreach ((string meter, ListPriceOptions change) in Prices)
        {
            sheet = With(sheet, meter, price => new ListPrice
            {
                Amount = change.Amount ?? price.Amount,
                Per = change.Per ?? price.Per,
                Unit = change.Unit ?? price.Unit,
                Source = change.Source ?? (change.Amount is null ? price.Source : $"configuration ({CostOptions.SectionName}:PriceSheet:Prices:{meter})"),
                AsOf = change.AsOf ?? price.AsOf,
            });
        }

        return sheet.Stamped();
    }

    private static PriceSheet With(PriceSheet sheet, string meter, Func<ListPrice, ListPrice> change) => meter.ToUpperInvariant() switch
    {
        "FLEXEXECUTIONTIME" => sheet with { FlexExecutionTime = change(sheet.FlexExecutionTime) },
        "FLEXEXECUTIONS" => sheet with { FlexExecutions = change(sheet.FlexExecutions) },
        "CONSUMPTIONEXECUTIONTIME" => sheet with { ConsumptionExecutionTime = change(sheet.ConsumptionExecutionTime) },
        "CONSUMPTIONEXECUTIONS" => sheet with { ConsumptionExecutions = change(sheet.ConsumptionExecutions) },
        "BLOBSTORAGE" => sheet with { BlobStorage = change(sheet.BlobStorage) },
        "BLOBWRITE" => sheet with { BlobWrite = change(sheet.BlobWrite) },
        "BLOBREAD" => sheet with { BlobRead = change(sheet.BlobRead) },
        "BLOBLIST" => sheet with { BlobList = change(sheet.BlobList) },
        "BLOBOTHER" => sheet with { BlobOther = change(sheet.BlobOther) },
        "QUEUEOPERATIONS" => sheet with { QueueOperations = change(sheet.QueueOperations) },
        "TABLEOPERATIONS" => sheet with { TableOperations = change(sheet.TableOperations) },
        _ => sheet,
    };
}
