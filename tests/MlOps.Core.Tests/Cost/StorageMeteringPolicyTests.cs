using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Cost;
using MlOps.Core.Storage;
using MlOps.Testing;

namespace MlOps.Core.Tests.Cost;

public sealed class StorageMeteringPolicyTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public StorageMeteringPolicyTests(AzuriteFixture azurite) => _azurite = azurite;

    [Theory]
    [InlineData(StorageService.Blob, "PUT", "", "/c/b.csv", StorageOperationClass.Write)]
    [InlineData(StorageService.Blob, "PUT", "?comp=appendblock", "/c/b.log", StorageOperationClass.Write)]
    [InlineData(StorageService.Blob, "GET", "", "/c/b.csv", StorageOperationClass.Read)]
    [InlineData(StorageService.Blob, "HEAD", "", "/c/b.csv", StorageOperationClass.Other)]
    [InlineData(StorageService.Blob, "GET", "?restype=container&comp=list&prefix=x", "/c", StorageOperationClass.List)]
    [InlineData(StorageService.Blob, "PUT", "?restype=container", "/c", StorageOperationClass.List)]
    [InlineData(StorageService.Blob, "DELETE", "", "/c/b.csv", StorageOperationClass.Other)]
    [InlineData(StorageService.Queue, "GET", "?numofmessages=32", "/q/messages", StorageOperationClass.Read)]
    [InlineData(StorageService.Queue, "POST", "", "/q/messages", StorageOperationClass.Write)]
    [InlineData(StorageService.Table, "GET", "?$filter=x", "/Runs()", StorageOperationClass.Read)]
    [InlineData(StorageService.Table, "GET", "", "/Tables", StorageOperationClass.List)]
    [InlineData(StorageService.Table, "PATCH", "", "/Runs(PartitionKey='a',RowKey='b')", StorageOperationClass.Write)]
    [InlineData(StorageService.Table, "DELETE", "", "/Runs(PartitionKey='a',RowKey='b')", StorageOperationClass.Other)]
    public void Classify_Request_IsItsBillingClass(StorageService service, string method, string query, string path, StorageOperationClass expected)
    {
        Assert.Equal(expected, StorageMeteringPolicy.Classify(service, RequestMethod.Parse(method), query, path));
    }

    [Fact]
    public async Task MeasureAsync_StorageCallsInTheUnit_CountedForItAndNotElsewhere()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var storage = services.GetRequiredService<MlOpsStorage>();
        var cost = services.GetRequiredService<CostMeter>();
        var meter = services.GetRequiredService<UsageMeter>();
        var ledger = services.GetRequiredService<CostLedger>();
        var attribution = new CostAttribution { Id = "unit|test", Model = "m", Kind = CostKind.RunStep, Stage = CostStages.Ingest, Unit = "test", RunId = "m.1" };
        var blob = storage.Container(storage.Layout.Reports).GetBlobClient("metered/a.txt");
        meter.Unattributed.Take();

        await cost.MeasureAsync(attribution, async () =>
        {
            await blob.UploadAsync(BinaryData.FromString("twelve bytes"));
            await Task.Run(async () => (await blob.DownloadContentAsync()).Value.Content.ToString()); // flows into work it starts
            await foreach (var _ in storage.Container(storage.Layout.Reports).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "metered/", default))
            {
            }

            await storage.Table(storage.Layout.Runs).AddEntityAsync(new TableEntity("p", "r"));
            return true;
        });
        IReadOnlyList<StorageOperations> outside = meter.Unattributed.Take();

        CostLedgerEntry entry = Assert.Single(await ledger.ForOwnerAsync("m", "unit"));
        StorageOperations Count(StorageService service, StorageOperationClass operation) =>
            Assert.Single(entry.Usage.Storage, s => s.Service == service && s.Class == operation);
        Assert.Equal(1, Count(StorageService.Blob, StorageOperationClass.Write).Count);
        Assert.Equal(12, Count(StorageService.Blob, StorageOperationClass.Write).Bytes);
        Assert.Equal(1, Count(StorageService.Blob, StorageOperationClass.Read).Count);
        Assert.Equal(1, Count(StorageService.Blob, StorageOperationClass.List).Count);
        Assert.Equal(1, Count(StorageService.Table, StorageOperationClass.Write).Count);
        Assert.Equal(4, entry.Usage.Storage.Sum(s => s.Count));
        Assert.Equal(1, entry.Usage.Executions);
        Assert.True(entry.Usage.WallMs > 0 && entry.Usage.PeakMemoryBytes > 0);
        Assert.Equal(PriceSheetDefaults.ListPrices.Version, entry.PriceSheetVersion);
        // The ledger's own write happened after the unit ended: counted as unattributed, not in the unit.
        Assert.Contains(outside, s => s.Service == StorageService.Table && s.Class == StorageOperationClass.Write);
    }

    [Fact]
    public async Task MeasureAsync_AccountingOff_WritesNothing()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Cost:Accounting"] = "false" });
        var attribution = new CostAttribution { Id = "unit|off", Model = "m", Kind = CostKind.RunStep, Stage = CostStages.Ingest, Unit = "test" };

        Assert.True(await services.GetRequiredService<CostMeter>().MeasureAsync(attribution, () => Task.FromResult(true)));

        Assert.Empty(await services.GetRequiredService<CostLedger>().ForOwnerAsync("m", "unit"));
    }
}
