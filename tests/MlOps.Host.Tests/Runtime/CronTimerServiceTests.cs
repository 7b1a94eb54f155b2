using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MlOps.Host.Runtime;

namespace MlOps.Host.Tests.Runtime;

public sealed class CronTimerServiceTests
{
    [Theory]
    [InlineData("AzureWebJobs.Nightly.Disabled", "true")]
    [InlineData("AzureWebJobs.Nightly.Disabled", "True")]
    [InlineData("AzureWebJobs.Nightly.Disabled", "1")]
    [InlineData("AzureWebJobs:Nightly:Disabled", "true")]
    public async Task StartAsync_FunctionsDisabledSetting_TimerIsOffAndNeverTicks(string key, string value)
    {
        using var timer = new RecordingTimer(new Dictionary<string, string?> { [key] = value, ["NightlySchedule"] = "* * * * * *" });

        await timer.StartAsync(CancellationToken.None);

        Assert.Null(timer.Schedule);
        Assert.Contains("AzureWebJobs.Nightly.Disabled", timer.DisabledBecause, StringComparison.Ordinal);
        await timer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30)); // an enabled timer's loop would never end
        Assert.Equal(0, timer.Ticks);
        await timer.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("")]
    public void Constructor_DisabledSettingNotTrue_KeepsTheSchedule(string value)
    {
        using var timer = new RecordingTimer(new Dictionary<string, string?> { ["AzureWebJobs.Nightly.Disabled"] = value, ["NightlySchedule"] = "0 30 2 * * *" });

        Assert.Equal("0 30 2 * * *", timer.Schedule?.Expression);
        Assert.Null(timer.DisabledBecause);
    }

    [Fact]
    public void Constructor_LegacyOff_TimerIsOffLocally()
    {
        using var timer = new RecordingTimer(new Dictionary<string, string?> { ["NightlySchedule"] = "off" });

        Assert.Null(timer.Schedule);
        Assert.Contains("'off'", timer.DisabledBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoSetting_UsesTheDefaultSchedule()
    {
        using var timer = new RecordingTimer([]);

        Assert.Equal(RecordingTimer.Default, timer.Schedule?.Expression);
    }

    [Fact]
    public void Constructor_InvalidCron_FailsNamingTheExpression()
    {
        FormatException error = Assert.Throws<FormatException>(() => new RecordingTimer(new Dictionary<string, string?> { ["NightlySchedule"] = "every hour" }));

        Assert.Contains("'every hour'", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingTimer : CronTimerService
    {
        public const string Default = "0 0 3 * * *";

        public RecordingTimer(Dictionary<string, string?> settings)
            : base("Nightly", "NightlySchedule", Default, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), TimeProvider.System, NullLogger.Instance)
        {
        }

        public int Ticks { get; private set; }

        protected override Task<string> TickAsync(DateTimeOffset scheduled, CancellationToken cancellationToken)
        {
            Ticks++;
            return Task.FromResult("ticked");
        }
    }
}
