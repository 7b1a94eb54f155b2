using System.Diagnostics;
using Microsoft.Extensions.Options;
using MlOps.Core.Cost;

namespace MlOps.Core.Tests.Cost;

public sealed class UsageMeterTests
{
    [Fact]
    public async Task Complete_OverlappingUnits_ShareTheInstancesActiveTimeAndCpu()
    {
        using var meter = new UsageMeter(Options.Create(new CostOptions()));
        TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
        long started = Stopwatch.GetTimestamp();

        UsageScope first = meter.Begin(Unit("first"));
        await Task.Delay(60);
        UsageScope second = meter.Begin(Unit("second"));
        await Task.Delay(60);
        ResourceUsage a = first.Complete();
        await Task.Delay(60);
        ResourceUsage b = second.Complete();

        double union = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        double cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
        // Together the two units were billed for the time the instance was busy with either, not for the sum of their walls.
        Assert.True(a.ActiveMs + b.ActiveMs <= union, $"{a.ActiveMs} + {b.ActiveMs} > {union}");
        Assert.True(a.ActiveMs + b.ActiveMs < a.WallMs + b.WallMs);
        Assert.True(a.ActiveMs < a.WallMs && b.ActiveMs < b.WallMs);
        Assert.True(a.CpuMs + b.CpuMs <= cpu + 1, $"{a.CpuMs} + {b.CpuMs} > {cpu}");
        Assert.True(a.PeakMemoryBytes > 0 && b.PeakMemoryBytes > 0);
        Assert.Same(a, first.Complete()); // completing twice returns the same usage
    }

    [Fact]
    public void Begin_AccountingOff_MeasuresNoShares()
    {
        using var meter = new UsageMeter(Options.Create(new CostOptions { Accounting = false }));

        ResourceUsage usage = meter.Begin(Unit("off")).Complete();

        Assert.False(meter.Enabled);
        Assert.Equal(0, usage.ActiveMs);
        Assert.Equal(0, usage.CpuMs);
    }

    private static CostAttribution Unit(string id) => new() { Id = id, Model = "m", Stage = CostStages.Train, Unit = id };
}
