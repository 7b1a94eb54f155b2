using MlOps.Core.Cost;

namespace MlOps.Core.Tests.Cost;

public sealed class CostBreakdownTests
{
    [Fact]
    public void Of_MeasuredUsage_IsEachQuantityTimesItsPrice()
    {
        var usage = new ResourceUsage
        {
            ActiveMs = 2340, WallMs = 3000, CpuMs = 1800, PeakMemoryBytes = 300L << 20, Executions = 3,
            Storage =
            [
                new StorageOperations { Service = StorageService.Blob, Class = StorageOperationClass.Write, Count = 7, Bytes = 1000 },
                new StorageOperations { Service = StorageService.Blob, Class = StorageOperationClass.Read, Count = 11 },
                new StorageOperations { Service = StorageService.Blob, Class = StorageOperationClass.List, Count = 2 },
                new StorageOperations { Service = StorageService.Blob, Class = StorageOperationClass.Other, Count = 5 },
                new StorageOperations { Service = StorageService.Queue, Class = StorageOperationClass.Read, Count = 13 },
                new StorageOperations { Service = StorageService.Table, Class = StorageOperationClass.Write, Count = 17 },
            ],
        };

        CostBreakdown cost = CostBreakdown.Of(usage, PriceSheetDefaults.ListPrices);

        // 2.34 s active → 2.4 s billed (100 ms steps) on a 2 GB instance at $0.000026/GB-s.
        Assert.Equal(2.4, cost.BilledSeconds, 9);
        Assert.Equal(4.8, cost.GbSeconds, 9);
        Assert.Equal(4.8 * 0.000026, cost.Compute, 15);
        Assert.Equal(3 * 0.40 / 1e6, cost.Executions, 15);
        Assert.Equal(((7 + 2) * 0.05 / 1e4) + ((11 + 5) * 0.004 / 1e4), cost.Blob, 15);
        Assert.Equal(13 * 0.004 / 1e4, cost.Queue, 15);
        Assert.Equal(17 * 0.00036 / 1e4, cost.Table, 15);
        Assert.Equal(cost.Compute + cost.Executions + cost.Blob + cost.Queue + cost.Table, cost.Total, 15);
    }

    [Fact]
    public void Of_NothingActive_BillsNoTime()
    {
        CostBreakdown cost = CostBreakdown.Of(new ResourceUsage { Executions = 4 }, PriceSheetDefaults.ListPrices);
        Assert.Equal(0, cost.Compute);
        Assert.Equal(4 * 0.40 / 1e6, cost.Total, 15);
    }
}
