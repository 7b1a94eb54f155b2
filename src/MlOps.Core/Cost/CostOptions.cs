using System.ComponentModel.DataAnnotations;

namespace MlOps.Core.Cost;

/// <summary>Cost accounting settings (section <c>Cost</c>): whether to meter at all, how often serving and overhead figures are written, and the price sheet.</summary>
public sealed class CostOptions
{
    public const string SectionName = "Cost";

    /// <summary>
    /// Meter storage operations, time and memory and write the cost ledger. Off only to measure the accounting's own
    /// overhead: budgets and the cost-aware gate then see no spending.
    /// </summary>
    public bool Accounting { get; set; } = true;

    /// <summary>How often this instance writes its serving counters and its overhead to the ledger.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    public PriceSheetOptions PriceSheet { get; set; } = new();
}
