using System.Text.Json;
using Azure.Core;

namespace MlOps.Core.AzureRest;

/// <summary>The public Azure Retail Prices API: list prices by OData filter, every page (NextPageLink) read. No credentials.</summary>
public sealed class RetailPricesClient : AzureRestClient
{
    private readonly Uri _endpoint;

    public RetailPricesClient(AzureRestPipelines pipelines)
        : base((pipelines ?? throw new ArgumentNullException(nameof(pipelines))).Anonymous, "Azure Retail Prices", pipelines.Options.MaxPages)
    {
        _endpoint = pipelines.Options.RetailPricesEndpoint;
    }

    /// <summary>Every price matching <paramref name="filter"/> (e.g. <c>serviceName eq 'Functions' and armRegionName eq 'eastus'</c>).</summary>
    /// <param name="currencyCode">A currency other than USD (EUR, GBP, …); null or USD for US dollars.</param>
    public async Task<IReadOnlyList<RetailMeterPrice>> ListAsync(string filter, string? currencyCode = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filter);
        string query = "$filter=" + Uri.EscapeDataString(filter);
        if (!string.IsNullOrEmpty(currencyCode) && !currencyCode.Equals("USD", StringComparison.OrdinalIgnoreCase))
        {
            query += "&currencyCode=" + Uri.EscapeDataString($"'{currencyCode.ToUpperInvariant()}'");
        }

        var prices = new List<RetailMeterPrice>();
        await foreach (JsonDocument page in PagesAsync(RequestMethod.Get, Combine(_endpoint, "api/retail/prices?" + query), body: null, NextPageLink, cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            using (page)
            {
                if (page.RootElement.TryGetProperty("Items", out JsonElement items))
                {
                    prices.AddRange(items.EnumerateArray().Select(Read));
                }
            }
        }

        return prices;
    }

    private static string? NextPageLink(JsonElement page) =>
        page.TryGetProperty("NextPageLink", out JsonElement next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;

    private static RetailMeterPrice Read(JsonElement item) => new()
    {
        CurrencyCode = Text(item, "currencyCode"),
        RetailPrice = item.TryGetProperty("retailPrice", out JsonElement price) ? price.GetDouble() : 0,
        UnitOfMeasure = Text(item, "unitOfMeasure"),
        TierMinimumUnits = item.TryGetProperty("tierMinimumUnits", out JsonElement tier) ? tier.GetDouble() : 0,
        ServiceName = Text(item, "serviceName"),
        ProductName = Text(item, "productName"),
        SkuName = Text(item, "skuName"),
        MeterName = Text(item, "meterName"),
        ArmRegionName = Text(item, "armRegionName"),
        Type = Text(item, "type"),
        EffectiveStartDate = item.TryGetProperty("effectiveStartDate", out JsonElement start) && start.ValueKind == JsonValueKind.String ? start.GetDateTimeOffset() : default,
    };

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
