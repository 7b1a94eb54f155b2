using MlOps.Core.Cost;

namespace MlOps.Core.Tests.Cost;

public sealed class PriceSheetTests
{
    [Fact]
    public void ListPrices_EveryPrice_HasSourceDateAndUnit()
    {
        PriceSheet sheet = PriceSheetDefaults.ListPrices;
        Assert.Equal("USD", sheet.Currency);
        Assert.Equal(11, sheet.Prices.Count);
        Assert.All(sheet.Prices, p =>
        {
            Assert.StartsWith("https://", p.Price.Source, StringComparison.Ordinal);
            Assert.Equal(PriceSheetDefaults.AsOf, p.Price.AsOf);
            Assert.False(string.IsNullOrEmpty(p.Price.Unit));
        });
        Assert.Equal(0.000026, sheet.FlexExecutionTime.UnitPrice, 12);
        Assert.Equal(0.40 / 1_000_000, sheet.FlexExecutions.UnitPrice, 15);
        Assert.Equal(0.05 / 10_000, sheet.BlobWrite.UnitPrice, 15);
        Assert.Equal(0.00036 / 10_000, sheet.TableOperations.UnitPrice, 15);
        Assert.Equal(2048, sheet.InstanceMemoryMb);
        Assert.Equal(sheet.ContentVersion(), sheet.Version);
        Assert.StartsWith("20261207-", sheet.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_OverriddenPrice_KeepsTheRestAndNamesItsSourceAndVersion()
    {
        var options = new PriceSheetOptions
        {
            InstanceMemoryMb = 4096,
            Prices = { ["BlobWrite"] = new ListPriceOptions { Amount = 0.065, AsOf = new DateOnly(2026, 12, 1) } },
        };

        PriceSheet sheet = options.ApplyTo(PriceSheetDefaults.ListPrices);

        Assert.Equal(0.065, sheet.BlobWrite.Amount);
        Assert.Equal(10_000, sheet.BlobWrite.Per);
        Assert.Equal("configuration (Cost:PriceSheet:Prices:BlobWrite)", sheet.BlobWrite.Source);
        Assert.Equal(PriceSheetDefaults.ListPrices.BlobRead, sheet.BlobRead);
        Assert.Equal(4096, sheet.InstanceMemoryMb);
        Assert.NotEqual(PriceSheetDefaults.ListPrices.Version, sheet.Version);
        Assert.Equal(sheet.ContentVersion(), sheet.Version);
    }

    [Fact]
    public void ApplyTo_ConsumptionPlan_BillsObservedMemoryInItsSteps()
    {
        PriceSheet sheet = new PriceSheetOptions { Plan = HostingPlan.Consumption }.ApplyTo(PriceSheetDefaults.ListPrices);

        Assert.Equal(sheet.ConsumptionExecutionTime, sheet.ExecutionTime);
        Assert.Equal(0.25, sheet.Billing.BilledMemoryGb(sheet.InstanceMemoryMb, 200L * 1024 * 1024)); // 200 MB → 256 MB
        Assert.Equal(1.5, sheet.Billing.BilledMemoryGb(sheet.InstanceMemoryMb, 3L * 1024 * 1024 * 1024)); // capped at 1.5 GB
        Assert.Equal(0.1, sheet.Billing.BillableSeconds(0.02), 9);
    }

    [Theory]
    [InlineData("InstanceMemoryMb", "Cost:PriceSheet:InstanceMemoryMb is 1000")]
    [InlineData("BlobWirte", "Cost:PriceSheet:Prices:BlobWirte is not a price")]
    [InlineData("NoDate", "Cost:PriceSheet:Prices:BlobWrite:AsOf is required")]
    public void Problems_BadSetting_NamesTheKey(string setting, string expected)
    {
        var options = setting switch
        {
            "InstanceMemoryMb" => new PriceSheetOptions { InstanceMemoryMb = 1000 },
            "BlobWirte" => new PriceSheetOptions { Prices = { ["BlobWirte"] = new ListPriceOptions { Amount = 1, AsOf = new DateOnly(2026, 1, 1) } } },
            _ => new PriceSheetOptions { Prices = { ["BlobWrite"] = new ListPriceOptions { Amount = 1 } } },
        };

        Assert.Contains(options.Problems(), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.02, 1)]
    [InlineData(1.0, 1)]
    [InlineData(1.01, 1.1)]
    [InlineData(2.3, 2.3)]
    [InlineData(2.31, 2.4)]
    public void BillableSeconds_Flex_AtLeastOneSecondThenTenthSteps(double active, double billed)
    {
        Assert.Equal(billed, PriceSheetDefaults.ListPrices.Billing.BillableSeconds(active), 9);
    }

    [Fact]
    public void ListPrices_ReadmeTable_ListsEveryDefault()
    {
        var table = new System.Text.StringBuilder("| price (`Cost:PriceSheet:Prices:…`) | list price (USD, East US, 2026-12-07) | source |\n|---|---|---|\n");
        foreach ((string meter, ListPrice price) in PriceSheetDefaults.ListPrices.Prices)
        {
            table.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{meter}` | {price.Amount:0.########} per {price.Per:N0} {price.Unit} | {price.Source} |\n");
        }

        string readme = MlOps.Testing.RepositoryFiles.ReadReadme().ReplaceLineEndings("\n");
        Assert.True(readme.Contains(table.ToString(), StringComparison.Ordinal), "README.md's price table differs from PriceSheetDefaults; it should read:\n" + table);
    }
}
