namespace MlOps.Core.Cost;

/// <summary>A configured override of one price; unset fields keep the list price's.</summary>
public sealed class ListPriceOptions
{
    public double? Amount { get; set; }

    public double? Per { get; set; }

    public string? Unit { get; set; }

    /// <summary>Where the overriding figure comes from (an agreement, a quote); "configuration" when unset.</summary>
    public string? Source { get; set; }

    /// <summary>Required with <see cref="Amount"/>: every price the ledger applies carries its date.</summary>
    public DateOnly? AsOf { get; set; }
}
