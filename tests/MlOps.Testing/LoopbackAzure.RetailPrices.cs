using System.Globalization;
using System.Text.RegularExpressions;
using MlOps.Core.AzureRest;

namespace MlOps.Testing;

/// <summary>The Retail Prices API: items matching an OData filter (eq clauses joined by and), 100 a page, NextPageLink to the next.</summary>
public sealed partial class LoopbackAzure
{
    private readonly List<RetailMeterPrice> _prices = [];

    public int PricesPerPage { get; set; } = 100;

    public void AddRetailPrice(RetailMeterPrice price)
    {
        lock (_gate)
        {
            _prices.Add(price);
        }
    }

    private Answer RetailPrices(RecordedRequest request)
    {
        if (request.Authorization is not null)
        {
            return BadRequest("The Retail Prices API is public; this loopback checks that no token is sent to it.");
        }

        string filter = request.Query("$filter") ?? "";
        var clauses = new List<(string Field, string Value)>();
        foreach (string clause in Regex.Split(filter, " and ", RegexOptions.IgnoreCase).Where(c => c.Length > 0))
        {
            Match match = Regex.Match(clause.Trim(), @"^(\w+) eq '([^']*)'$");
            if (!match.Success)
            {
                return BadRequest($"This loopback understands filters of the form field eq 'value' joined by and; not '{clause}'.");
            }

            clauses.Add((match.Groups[1].Value, match.Groups[2].Value));
        }

        string currency = (request.Query("currencyCode") ?? "'USD'").Trim('\'');
        List<RetailMeterPrice> matching;
        lock (_gate)
        {
            matching = _prices.Where(p => p.CurrencyCode == currency && clauses.All(c => Field(p, c.Field) == c.Value)).ToList();
        }

        int skip = int.TryParse(request.Query("$skip"), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0;
        List<RetailMeterPrice> page = matching.Skip(skip).Take(PricesPerPage).ToList();
        string? next = skip + page.Count < matching.Count
            ? new Uri(BaseUri, "api/retail/prices") + "?" + request.QueryString.Split('&').Where(p => !p.StartsWith("$skip=", StringComparison.Ordinal)).Append($"$skip={skip + page.Count}").Aggregate((a, b) => a + "&" + b)
            : null;
        return new Answer(200, new
        {
            BillingCurrency = currency,
            CustomerEntityId = "Default",
            CustomerEntityType = "Retail",
            Items = page.Select(p => new
            {
                currencyCode = p.CurrencyCode,
                tierMinimumUnits = p.TierMinimumUnits,
                retailPrice = p.RetailPrice,
                unitPrice = p.RetailPrice,
                armRegionName = p.ArmRegionName,
                location = p.ArmRegionName,
                effectiveStartDate = p.EffectiveStartDate.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                meterId = Guid.NewGuid(),
                meterName = p.MeterName,
                productId = "DZH318Z0BQ4L",
                skuId = "DZH318Z0BQ4L/0001",
                productName = p.ProductName,
                skuName = p.SkuName,
                serviceName = p.ServiceName,
                serviceId = "DZH32XSW9ZX0",
                serviceFamily = "Compute",
                unitOfMeasure = p.UnitOfMeasure,
                type = p.Type,
                isPrimaryMeterRegion = true,
                armSkuName = "",
            }).ToArray(),
            NextPageLink = next,
            Count = page.Count,
        });
    }

    private static string? Field(RetailMeterPrice price, string field) => field switch
    {
        "serviceName" => price.ServiceName,
        "productName" => price.ProductName,
        "skuName" => price.SkuName,
        "meterName" => price.MeterName,
        "armRegionName" => price.ArmRegionName,
        "priceType" or "type" => price.Type,
        "currencyCode" => price.CurrencyCode,
        _ => null,
    };
}
