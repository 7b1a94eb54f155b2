using System.ComponentModel.DataAnnotations;

namespace MlOps.Core.Cost.Pricing;

/// <summary>Whether and how often the list prices are refreshed from the public Azure Retail Prices API (section <c>Cost:PriceRefresh</c>).</summary>
public sealed class PriceRefreshOptions
{
    public const string SectionName = "Cost:PriceRefresh";

    /// <summary>Off by default: the local host may have no internet; the Functions app turns it on (bicep).</summary>
    public bool Enabled { get; set; }

    /// <summary>The cost monitor refreshes the list when the stored one is older than this.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(7);
}
