using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.AzureRest;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Pricing;
using MlOps.Core.Storage;
using MlOps.Testing;

namespace MlOps.Core.Tests.Cost.Pricing;

/// <summary>The list prices refreshed from the loopback Retail Prices API: paid tiers, units, a dated version in force.</summary>
public sealed class PriceSheetRefresherTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private LoopbackAzure _azure = null!;

    public PriceSheetRefresherTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() => _azure = await LoopbackAzure.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    [Fact]
    public async Task RefreshAsync_RetailPrices_PutsTheirPaidTierInForceAsADatedVersion()
    {
        var effective = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        RetailMeterPrice Flex(string meter, double price, double tier, string unit) => new()
        {
            ServiceName = "Functions", ProductName = "Functions Flex Consumption", SkuName = "On Demand", MeterName = meter, ArmRegionName = "eastus",
            Type = "Consumption", RetailPrice = price, TierMinimumUnits = tier, UnitOfMeasure = unit, EffectiveStartDate = effective,
        };
        _azure.AddRetailPrice(Flex("On Demand Execution Time", 0, 0, "1 GB Second")); // the monthly free grant
        _azure.AddRetailPrice(Flex("On Demand Execution Time", 0.000028, 100_000, "1 GB Second"));
        _azure.AddRetailPrice(Flex("On Demand Total Executions", 0, 0, "10"));
        _azure.AddRetailPrice(Flex("On Demand Total Executions", 0.000004, 25_000, "10"));
        _azure.AddRetailPrice(new RetailMeterPrice
        {
            ServiceName = "Storage", ProductName = "General Block Blob v2", SkuName = "Hot LRS", MeterName = "Hot LRS Write Operations", ArmRegionName = "eastus",
            Type = "Consumption", RetailPrice = 0.055, UnitOfMeasure = "10K", EffectiveStartDate = effective,
        });
        _azure.PricesPerPage = 2;
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>(_azure.Settings));
        var refresher = new PriceSheetRefresher(new RetailPricesClient(_azure.CreatePipelines()), services.GetRequiredService<PriceSheetProvider>(),
            services.GetRequiredService<MlOpsStorage>(), Microsoft.Extensions.Options.Options.Create(new PriceRefreshOptions()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PriceSheetRefresher>.Instance);

        PriceRefreshResult result = await refresher.RefreshAsync();

        PriceSheet sheet = services.GetRequiredService<PriceSheetProvider>().Current;
        Assert.Equal(0.000028, sheet.FlexExecutionTime.UnitPrice, 12); // the paid tier, not the free grant
        Assert.Equal(0.000004 / 10, sheet.FlexExecutions.UnitPrice, 15); // per "10" executions
        Assert.Equal(0.055 / 10_000, sheet.BlobWrite.UnitPrice, 15);
        Assert.Contains("Azure Retail Prices API, eastus", sheet.FlexExecutionTime.Source, StringComparison.Ordinal);
        Assert.Contains("effective 2026-10-01", sheet.FlexExecutionTime.Source, StringComparison.Ordinal);
        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(today, sheet.FlexExecutionTime.AsOf);
        Assert.StartsWith(today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-", sheet.Version, StringComparison.Ordinal);
        Assert.Equal(sheet.Version, result.InForce);
        Assert.Equal(["BlobWrite", "FlexExecutionTime"], result.Changed.Keys.Order(StringComparer.Ordinal)); // executions: 0.000004 per 10 is the 0.40 per million already in force
        Assert.Contains(result.NotFound, m => m.StartsWith("TableOperations", StringComparison.Ordinal));
        Assert.Equal(PriceSheetDefaults.ListPrices.TableOperations, sheet.TableOperations); // a meter not found keeps its price

        // Stored dated and as current, so every instance prices with it.
        MlOpsStorage storage = services.GetRequiredService<MlOpsStorage>();
        Assert.True(await storage.Container(storage.Layout.Reports).GetBlobClient(result.Blob).ExistsAsync());
        Assert.Equal(result.Version, (await refresher.LoadStoredAsync())!.Version);

        // One query per product, Functions' paged (four items, two a page), none with a token.
        IReadOnlyList<RecordedRequest> requests = _azure.RequestsTo("/api/retail/prices");
        Assert.Equal(RetailPriceSheetBuilder.Filters("eastus").Count + 1, requests.Count);
        Assert.Equal(RetailPriceSheetBuilder.Filters("eastus"), requests.Select(r => r.Query("$filter")).Distinct());
    }

    [Theory]
    [InlineData("1 GB Second", 1)]
    [InlineData("10", 10)]
    [InlineData("10K", 10_000)]
    [InlineData("1M", 1_000_000)]
    [InlineData("1 GB/Month", 1)]
    public void UnitsOf_RetailUnitOfMeasure_IsTheCountItPrices(string unit, double expected) =>
        Assert.Equal(expected, RetailPriceSheetBuilder.UnitsOf(unit));
}
