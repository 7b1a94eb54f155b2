namespace MlOps.Core.Cost;

/// <summary>
/// Published pay-as-you-go list prices (USD, East US) the ledger starts from. Configuration overrides any of them
/// (negotiated rates, another region), and a refresh from the Azure Retail Prices API replaces them with the current list.
/// </summary>
public static class PriceSheetDefaults
{
    /// <summary>The day these figures were read from the pages below.</summary>
    public static readonly DateOnly AsOf = new(2026, 12, 7);

    public const string FunctionsCosts = "https://learn.microsoft.com/azure/azure-functions/functions-consumption-costs";

    public const string FunctionsPricing = "https://azure.microsoft.com/pricing/details/functions/";

    public const string BlobPricing = "https://azure.microsoft.com/pricing/details/storage/blobs/ (hot, LRS)";

    public const string QueuePricing = "https://azure.microsoft.com/pricing/details/storage/queues/ (LRS)";

    public const string TablePricing = "https://azure.microsoft.com/pricing/details/storage/tables/ (LRS)";

    /// <summary>Flex Consumption with 2,048 MB instances, the app's bicep default.</summary>
    public static PriceSheet ListPrices { get; } = new PriceSheet
    {
        Currency = "USD",
        Region = "eastus",
        Plan = HostingPlan.FlexConsumption,
        InstanceMemoryMb = 2048,
        Billing = BillingFor(HostingPlan.FlexConsumption),
        FlexExecutionTime = Price(0.000026, 1, "GB-s", FunctionsCosts),
        FlexExecutions = Price(0.40, 1_000_000, "executions", FunctionsCosts),
        ConsumptionExecutionTime = Price(0.000016, 1, "GB-s", FunctionsPricing),
        ConsumptionExecutions = Price(0.20, 1_000_000, "executions", FunctionsPricing),
        BlobStorage = Price(0.0208, 1, "GB-month", BlobPricing),
        BlobWrite = Price(0.05, 10_000, "operations", BlobPricing),
        BlobRead = Price(0.004, 10_000, "operations", BlobPricing),
        BlobList = Price(0.05, 10_000, "operations", BlobPricing),
        BlobOther = Price(0.004, 10_000, "operations", BlobPricing),
        QueueOperations = Price(0.004, 10_000, "operations", QueuePricing),
        TableOperations = Price(0.00036, 10_000, "operations", TablePricing),
    }.Stamped();

    /// <summary>
    /// Flex Consumption: instance memory, at least 1 s then 100 ms steps. Consumption: observed memory in 128 MB
    /// steps up to 1.5 GB, at least 100 ms then 1 ms steps.
    /// </summary>
    public static BillingRules BillingFor(HostingPlan plan) => plan == HostingPlan.FlexConsumption
        ? new BillingRules()
        : new BillingRules { MinimumSeconds = 0.1, IncrementSeconds = 0.001, BillsInstanceMemory = false };

    private static ListPrice Price(double amount, double per, string unit, string source) =>
        new() { Amount = amount, Per = per, Unit = unit, Source = source, AsOf = AsOf };
}
