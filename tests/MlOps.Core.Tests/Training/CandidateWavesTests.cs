using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

public sealed class CandidateWavesTests
{
    [Fact]
    public void TimeStopReason_NoWaveFinished_StartsTheFirst()
    {
        Assert.Null(CandidateWaves.TimeStopReason(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), []));
    }

    [Theory]
    [InlineData(100, 50, null)]   // 50 s spent + 40 s projected fits 100 s
    [InlineData(100, 70, "skipped: training.maxWallTime 00:01:40 — 70.0 s spent + the next wave projected at 40.0 s (mean of 2 wave(s)) would pass it")]
    public void TimeStopReason_FinishedWaves_ProjectsTheirMeanTime(int limitSeconds, int elapsedSeconds, string? expected)
    {
        TimeSpan[] waves = [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(50)];
        Assert.Equal(expected, CandidateWaves.TimeStopReason(TimeSpan.FromSeconds(limitSeconds), TimeSpan.FromSeconds(elapsedSeconds), waves));
    }

    [Theory]
    [InlineData(0.10, 0.02, 0.0, 0, null)]   // the first wave: nothing to project, budget not yet spent
    [InlineData(0.10, 0.12, 0.0, 0, "skipped: budget.perRun 0.1 USD — 0.12 spent + the next 4 candidate(s) projected at 0 (mean of 0 finished) would pass it")]
    [InlineData(0.10, 0.05, 0.01, 4, null)]  // 0.05 + 4 × 0.01 = 0.09 fits
    [InlineData(0.10, 0.07, 0.01, 4, "skipped: budget.perRun 0.1 USD — 0.07 spent + the next 4 candidate(s) projected at 0.04 (mean of 4 finished) would pass it")]
    public void BudgetStopReason_SpentPlusProjectedWave_HeldToTheLimit(double limit, double spent, double mean, int measured, string? expected)
    {
        Assert.Equal(expected, CandidateWaves.BudgetStopReason(limit, spent, mean, measured, 4, "USD"));
    }
}
