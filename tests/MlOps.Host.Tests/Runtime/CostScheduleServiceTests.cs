using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MlOps.Host.Runtime;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Host.Tests.Runtime;

public sealed class CostScheduleServiceTests
{
    [Fact]
    public void Constructor_NoSetting_DailyAtSixUtc()
    {
        using CostScheduleService timer = Timer([]);

        Assert.Equal(CostMonitorScheduler.TimerFunction, timer.Function);
        Assert.Equal("0 0 6 * * *", timer.Schedule?.Expression);
    }

    [Fact]
    public void Constructor_FunctionsSwitchOfMonitorCost_TimerIsOff()
    {
        using CostScheduleService timer = Timer(new() { ["AzureWebJobs.MonitorCost.Disabled"] = "true", ["CostSchedule"] = "0 0 * * * *" });

        Assert.Null(timer.Schedule);
        Assert.Contains("AzureWebJobs.MonitorCost.Disabled", timer.DisabledBecause, StringComparison.Ordinal);
    }

    // The client is only used when the timer ticks, which these tests never let it do.
    private static CostScheduleService Timer(Dictionary<string, string?> settings) => new(
        new CostMonitorScheduler(NullLogger<CostMonitorScheduler>.Instance), client: null!, TimeProvider.System,
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), NullLogger<CostScheduleService>.Instance);
}
