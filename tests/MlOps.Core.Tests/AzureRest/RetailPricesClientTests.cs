using MlOps.Core.AzureRest;
using MlOps.Testing;

namespace MlOps.Core.Tests.AzureRest;

/// <summary>The Retail Prices client against the loopback Azure: the filter, NextPageLink paging, no credentials.</summary>
public sealed class RetailPricesClientTests : IAsyncLifetime
{
    private LoopbackAzure _azure = null!;

    public async Task InitializeAsync() => _azure = await LoopbackAzure.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    [Fact]
    public async Task ListAsync_ThreePages_ReadsEveryItemWithoutAToken()
    {
        _azure.PricesPerPage = 2;
        foreach (string meter in new[] { "On Demand Execution Time", "On Demand Total Executions", "Always Ready Baseline", "Always Ready Execution Time", "Always Ready Total Executions" })
        {
            _azure.AddRetailPrice(new RetailMeterPrice
            {
                ServiceName = "Functions", ProductName = "Functions Flex Consumption", SkuName = "On Demand", MeterName = meter, ArmRegionName = "eastus",
                Type = "Consumption", UnitOfMeasure = "1 GB Second", RetailPrice = 0.000026, EffectiveStartDate = new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero),
            });
        }

        _azure.AddRetailPrice(new RetailMeterPrice { ServiceName = "Functions", MeterName = "Standard Execution Time", ArmRegionName = "westeurope", Type = "Consumption" });
        var client = new RetailPricesClient(_azure.CreatePipelines());

        IReadOnlyList<RetailMeterPrice> prices = await client.ListAsync("serviceName eq 'Functions' and armRegionName eq 'eastus'");

        Assert.Equal(5, prices.Count);
        Assert.All(prices, p => Assert.Equal("eastus", p.ArmRegionName));
        Assert.Equal(0.000026, prices.Single(p => p.MeterName == "On Demand Execution Time").RetailPrice);
        Assert.Equal("1 GB Second", prices[0].UnitOfMeasure);
        Assert.Equal(new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero), prices[0].EffectiveStartDate);

        IReadOnlyList<RecordedRequest> requests = _azure.RequestsTo("/api/retail/prices");
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Null(r.Authorization));
        Assert.All(requests, r => Assert.Equal("serviceName eq 'Functions' and armRegionName eq 'eastus'", r.Query("$filter")));
        Assert.Equal(["", "2", "4"], requests.Select(r => r.Query("$skip") ?? ""));
        Assert.Empty(_azure.Credential.RequestedScopes);
    }

    [Fact]
    public async Task ListAsync_OtherCurrency_AsksForItByCode()
    {
        _azure.AddRetailPrice(new RetailMeterPrice { ServiceName = "Functions", MeterName = "On Demand Execution Time", CurrencyCode = "EUR", RetailPrice = 0.000025 });
        var client = new RetailPricesClient(_azure.CreatePipelines());

        IReadOnlyList<RetailMeterPrice> prices = await client.ListAsync("serviceName eq 'Functions'", "eur");

        Assert.Equal("EUR", Assert.Single(prices).CurrencyCode);
        Assert.Equal("'EUR'", Assert.Single(_azure.Requests).Query("currencyCode"));
    }
}
