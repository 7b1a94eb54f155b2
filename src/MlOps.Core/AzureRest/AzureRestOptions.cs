using System.ComponentModel.DataAnnotations;

namespace MlOps.Core.AzureRest;

/// <summary>
/// Where the Azure REST APIs the product calls live, and how patiently it calls them. The defaults are the public
/// cloud's endpoints; tests (and sovereign clouds) point them elsewhere.
/// </summary>
public sealed class AzureRestOptions
{
    public const string SectionName = "Azure";

    /// <summary>Azure Resource Manager: Cost Management and Azure Monitor Metrics.</summary>
    public Uri ManagementEndpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>The token scope of <see cref="ManagementEndpoint"/>.</summary>
    public string ManagementScope { get; set; } = "https://management.azure.com/.default";

    /// <summary>The Log Analytics query API.</summary>
    public Uri LogAnalyticsEndpoint { get; set; } = new("https://api.loganalytics.azure.com/");

    /// <summary>The token scope of <see cref="LogAnalyticsEndpoint"/>.</summary>
    public string LogAnalyticsScope { get; set; } = "https://api.loganalytics.io/.default";

    /// <summary>The public, unauthenticated Retail Prices API.</summary>
    public Uri RetailPricesEndpoint { get; set; } = new("https://prices.azure.com/");

    /// <summary>Retries of a throttled (429) or failed (408, 5xx, network) call before it fails.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The longest wait between two tries; a longer Retry-After from Cost Management is cut to this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Pages of one paged answer (nextLink) before the call is abandoned as runaway.</summary>
    [Range(1, 100_000)]
    public int MaxPages { get; set; } = 1000;
}
