using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MlOps.Core.Runs;
using MlOps.Pipeline.Activities;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Activities;

/// <summary>A step that reports progress: watchers see it while the step runs, and the finished record keeps the last figures.</summary>
public sealed class StepRecorderTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public StepRecorderTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task RecordAsync_WorkReportsProgress_RunningStepShowsItAndFinishedStepKeepsIt()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        (RunStore runs, StepRecorder recorder) = Recorder(services);
        const string RunId = "bc.0000000000000001";
        RunStepRecord? whileRunning = null;

        string result = await recorder.RecordAsync(RunId, 1, "ingest", async progress =>
        {
            progress.Report(new StepProgress("parse", 10, 100, 3));
            progress.Report(new StepProgress("parse", 60, 100, 42));

            // The step is still running: its record must come to show the latest report.
            whileRunning = await Eventually.ValueAsync(
                async () => (await runs.GetStepsAsync(RunId)).SingleOrDefault(s => s.Progress is { Rows: 42 }), "the running step's progress", TimeSpan.FromSeconds(30));
            return "done";
        }, r => (RunStatus.Succeeded, r), CancellationToken.None);

        Assert.Equal(RunStatus.Running, whileRunning!.Status);
        RunStepRecord finished = Assert.Single(await runs.GetStepsAsync(RunId));
        Assert.Equal(RunStatus.Succeeded, finished.Status);
        Assert.Equal("done", finished.Detail);
        Assert.Equal(new StepProgress("parse", 60, 100, 42), finished.Progress);
    }

    [Fact]
    public async Task RecordAsync_WorkFails_FailedRecordIsNotOverwrittenByProgress()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        (RunStore runs, StepRecorder recorder) = Recorder(services);
        const string RunId = "bc.0000000000000002";

        await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordAsync<string>(RunId, 1, "ingest", progress =>
        {
            progress.Report(new StepProgress("download", 1, 2, 0));
            throw new InvalidOperationException("disk full");
        }, r => (RunStatus.Succeeded, r), CancellationToken.None));

        // Longer than the progress interval: a pending progress write would have landed by now.
        await Task.Delay(StepRecorder.ProgressInterval * 3);
        RunStepRecord step = Assert.Single(await runs.GetStepsAsync(RunId));
        Assert.Equal(RunStatus.Failed, step.Status);
        Assert.Equal("disk full", step.Error);
    }

    private static (RunStore Runs, StepRecorder Recorder) Recorder(ServiceProvider services)
    {
        var runs = services.GetRequiredService<RunStore>();
        return (runs, new StepRecorder(runs, TimeProvider.System, NullLogger<StepRecorder>.Instance, services.GetRequiredService<MlOps.Core.Alerts.MlOpsMetrics>()));
    }
}
