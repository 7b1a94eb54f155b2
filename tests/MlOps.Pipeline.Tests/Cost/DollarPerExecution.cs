namespace MlOps.Pipeline.Tests.Cost;

/// <summary>
/// A price sheet on which every execution costs exactly $1 and nothing else costs anything, so a run's ledger counts
/// its activities in dollars, independent of how fast this machine is: budget decisions become exact.
/// </summary>
internal static class DollarPerExecution
{
    public static IReadOnlyDictionary<string, string?> Settings { get; } = Build();

    private static Dictionary<string, string?> Build()
    {
        var settings = new Dictionary<string, string?>();
        foreach (string meter in new[] { "FlexExecutionTime", "BlobWrite", "BlobRead", "BlobList", "BlobOther", "QueueOperations", "TableOperations" })
        {
            settings[$"Cost:PriceSheet:Prices:{meter}:Amount"] = "0";
            settings[$"Cost:PriceSheet:Prices:{meter}:AsOf"] = "2026-12-07";
        }

        settings["Cost:PriceSheet:Prices:FlexExecutions:Amount"] = "1";
        settings["Cost:PriceSheet:Prices:FlexExecutions:Per"] = "1";
        settings["Cost:PriceSheet:Prices:FlexExecutions:AsOf"] = "2026-12-07";
        return settings;
    }
}
