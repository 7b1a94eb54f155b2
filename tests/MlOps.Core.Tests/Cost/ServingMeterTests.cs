using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Cost;
using MlOps.Testing;

namespace MlOps.Core.Tests.Cost;

public sealed class ServingMeterTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public ServingMeterTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task FlushAsync_RequestsAndLogAppends_OneRowPerVersionAndHourReplacedByLaterFlushes()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var serving = services.GetRequiredService<ServingMeter>();
        var recorder = services.GetRequiredService<CostRecorder>();
        var ledger = services.GetRequiredService<CostLedger>();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        serving.RecordRequest("m", 1, 3, now);
        serving.RecordRequest("m", 1, 2, now);
        serving.RecordRequest("m", 2, 4, now);
        var append = new StorageOperations { Service = StorageService.Blob, Class = StorageOperationClass.Write, Count = 1, Bytes = 900 };
        serving.RecordLogAppend("m", now, new Dictionary<int, long> { [1] = 300, [2] = 100 }, [append], appendedBytes: 800);

        await recorder.FlushAsync();
        serving.RecordRequest("m", 1, 1, now);
        await recorder.FlushAsync();

        List<CostLedgerEntry> rows = [];
        await foreach (CostLedgerEntry row in ledger.ListAsync("m"))
        {
            rows.Add(row);
        }

        CostLedgerEntry v1 = Assert.Single(rows, r => r.ModelVersion == 1);
        CostLedgerEntry v2 = Assert.Single(rows, r => r.ModelVersion == 2);
        Assert.Equal(CostKind.Serving, v1.Kind);
        Assert.Equal(3, v1.Serving!.Requests);
        Assert.Equal(6, v1.Serving.Rows);
        Assert.Equal(600, v1.Serving.LogBytes, 9); // the block's 800 bytes shared 3:1 by the versions' lines
        Assert.Equal(0.75, v1.Serving.LogAppends, 9);
        Assert.Equal(0.25, v2.Serving!.LogAppends, 9);
        Assert.Equal(1, v2.Serving.Requests);
        Assert.Equal(3, v1.Usage.Executions); // each request an execution
        Assert.Equal(ServingMeter.Instance, v1.Instance);
        Assert.Equal(CostBreakdown.Of(v1.Usage, PriceSheetDefaults.ListPrices).Total, v1.Cost.Total, 15);
    }
}
