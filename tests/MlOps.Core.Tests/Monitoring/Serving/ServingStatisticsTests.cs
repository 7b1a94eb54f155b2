using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Serving;
using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Monitoring.Serving;

public sealed class ServingStatisticsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_UniformLatencies_PercentilesWithinTheBucketsPrecisionAndErrorsCounted()
    {
        var clock = new SettableClock(Noon);
        var statistics = new ServingStatistics(clock);
        for (int i = 1; i <= 1000; i++)
        {
            statistics.Record("m", 2, serviceError: i % 100 == 0, milliseconds: i);
        }

        ServingVersionHealth v2 = Assert.Single(statistics.Read("m", Noon.AddMinutes(-5), Noon.AddMinutes(1)));
        Assert.Equal(2, v2.Version);
        Assert.Equal(1000, v2.Requests);
        Assert.Equal(10, v2.Errors);
        Assert.Equal(0.01, v2.ErrorRate, 9);
        Assert.InRange(v2.P50Ms!.Value, 500, 500 * 1.06);
        Assert.InRange(v2.P95Ms!.Value, 950, 950 * 1.06);
        Assert.InRange(v2.P99Ms!.Value, 990, 990 * 1.06);
    }

    [Fact]
    public void Read_OtherModelsVersionsAndMinutes_KeptApart()
    {
        var clock = new SettableClock(Noon);
        var statistics = new ServingStatistics(clock);
        statistics.Record("m", 1, false, 3);
        statistics.Record("other", 1, false, 3);
        clock.Now = Noon.AddHours(2);
        statistics.Record("m", 2, true, 3);

        ServingVersionHealth only = Assert.Single(statistics.Read("m", Noon.AddHours(1), Noon.AddHours(3)));
        Assert.Equal((2, 1L, 1L), (only.Version, only.Requests, only.Errors));
        Assert.Equal([1, 2], statistics.Read("m", Noon, Noon.AddHours(3)).Select(v => v.Version));
    }

    [Fact]
    public void Evaluate_ThresholdsCrossedWithEnoughRequests_BreachesNameFigureAndLimit()
    {
        var spec = new ServingSpec { MaxErrorRate = 0.01, MaxP95Ms = 100, MinRequests = 50 };
        MonitoringWindow window = MonitoringWindow.Ending(Noon, TimeSpan.FromHours(1));
        ServingVersionHealth[] versions =
        [
            new() { Version = 1, Requests = 200, Errors = 10, P95Ms = 150 },
            new() { Version = 2, Requests = 10, Errors = 5, P95Ms = 900 }, // too few requests to judge
            new() { Version = 3, Requests = 500, Errors = 1, P95Ms = 20 },
        ];

        ServingHealthReport report = ServingHealthEvaluator.Evaluate("m", window, "host", versions, spec);

        Assert.False(report.Healthy);
        Assert.Equal(2, report.Breaches.Count);
        Assert.Contains("v1: error rate 5.00 % (10 of 200) is over monitoring.serving.maxErrorRate 1.00 %", report.Breaches);
        Assert.Contains("v1: p95 latency 150.0 ms is over monitoring.serving.maxP95Ms 100.0 ms", report.Breaches);
        Assert.True(ServingHealthEvaluator.Evaluate("m", window, "host", [versions[2]], spec).Healthy);
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
