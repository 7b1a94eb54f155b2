using System.Text.Json;
using MlOps.Functions.Triggers;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Functions.Tests.Triggers;

public class MonitorTimerMetadataTests
{
    private readonly IReadOnlyDictionary<string, JsonElement> _functions = BuildOutput.LoadFunctions();

    [Fact]
    public void TimerTrigger_MonitorModels_ReadsTheScheduleFromTheSharedSetting()
    {
        Assert.True(_functions.TryGetValue(nameof(MonitorTimer.MonitorModels), out JsonElement metadata), "functions.metadata has no MonitorModels.");
        JsonElement trigger = BuildOutput.Binding(metadata, "timerTrigger");
        Assert.Equal($"%{MonitorScheduler.ScheduleSetting}%", trigger.GetProperty("schedule").GetString());
        Assert.Contains("durableClient", BuildOutput.BindingTypes(metadata));
    }

    [Fact]
    public void TimerTrigger_MonitorCost_ReadsTheScheduleFromCostSchedule()
    {
        Assert.True(_functions.TryGetValue(nameof(CostTimer.MonitorCost), out JsonElement metadata), "functions.metadata has no MonitorCost.");
        JsonElement trigger = BuildOutput.Binding(metadata, "timerTrigger");
        Assert.Equal("%CostSchedule%", trigger.GetProperty("schedule").GetString());
        Assert.Contains("durableClient", BuildOutput.BindingTypes(metadata));
    }

    [Fact]
    public void TimerTriggers_AllFunctions_AreTheModelAndCostMonitors()
    {
        string[] timers = _functions.Where(f => BuildOutput.BindingTypes(f.Value).Contains("timerTrigger")).Select(f => f.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([nameof(CostTimer.MonitorCost), nameof(MonitorTimer.MonitorModels)], timers);
    }
}
