using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Alerts;
using MlOps.Core.Cost;
using MlOps.Core.Monitoring;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Tests.Orchestrations;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Cost;

/// <summary>Budgets that stop work: a sweep stops at its per-run budget, a spent monthly budget refuses new runs and retrains.</summary>
public sealed class BudgetTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public BudgetTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task RunAsync_SweepOverPerRunBudget_StopsEarlyRecordsSkippedAndDeploysBestFinished()
    {
        // $1 an execution: ingest and plan spend $2, so the first wave of two starts (nothing to project yet); then $2 +
        // the budget check's $1 + two candidates' $2 = $5 spent, and the next wave is projected at 2 × $1: $7 > $5.5.
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString, settings: DollarPerExecution.Settings);
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis",
              "training": { "maxParallel": 2, "maxCandidates": 6,
                            "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 40 }, "search": { "numberOfLeaves": [4, 8, 16], "learningRate": [0.05, 0.1] } } ] },
              "budget": { "perRun": 5.5 } }
            """));

        OrchestrationMetadata done = await pipeline.RunAsync(Model, $"{Model}/data.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(TestData.BreastCancerCsv)));

        RunOutcome outcome = done.ReadOutputAs<RunOutcome>()!;
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        IReadOnlyList<CandidateRecord> candidates = await pipeline.Services.GetRequiredService<CandidateStore>().ListAsync(outcome.RunId);
        Assert.Equal(6, candidates.Count);
        CandidateRecord[] finished = [.. candidates.Where(c => c.Status == "succeeded")];
        Assert.Equal([0, 1], finished.Select(c => c.Index));
        CandidateRecord[] skipped = [.. candidates.Where(c => c.Status == "skipped")];
        Assert.Equal([2, 3, 4, 5], skipped.Select(c => c.Index));
        Assert.All(skipped, c => Assert.StartsWith("skipped: budget.perRun 5.5 USD — 5 spent + the next 2 candidate(s) projected at 2", c.Error, StringComparison.Ordinal));

        CandidateRecord best = finished.OrderByDescending(c => c.ValidationMetrics["auc"]).ThenBy(c => c.Index).First();
        Assert.True(best.Selected);
        ModelVersionRecord version = (await pipeline.Services.GetRequiredService<ModelRegistry>().GetVersionAsync(Model, 1))!;
        Assert.Equal(best.Candidate.Parameters, version.Parameters);
        Assert.NotNull(await pipeline.Services.GetRequiredService<ModelRegistry>().GetAliasAsync(Model, ModelRegistry.Production));
        RunStepRecord train = (await pipeline.Services.GetRequiredService<RunStore>().GetStepsAsync(outcome.RunId)).Single(s => s.Name == "train");
        Assert.Contains("4 skipped", train.Detail, StringComparison.Ordinal);
        Assert.Contains("budget.perRun", train.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MonthlyBudgetSpent_RunRejectedNamingTheBudgetAndRetrainRefused()
    {
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString, settings: DollarPerExecution.Settings);
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "training": { "trainers": [ { "name": "LbfgsLogisticRegression" } ] },
              "monitoring": { "retrain": { "enabled": true } }, "budget": { "monthly": 10, "alertAt": [0.5, 1.0] } }
            """));
        byte[] data = await File.ReadAllBytesAsync(TestData.BreastCancerCsv);

        // At $1 an execution the first run starts with nothing spent and ends at $15 of $10: seven activities and eight replays.
        RunOutcome first = (await pipeline.RunAsync(Model, $"{Model}/a.csv", BinaryData.FromBytes(data))).ReadOutputAs<RunOutcome>()!;
        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal(15, (await pipeline.Services.GetRequiredService<CostReports>().ForRunAsync(Model, first.RunId)).Run.Total);

        RunOutcome refused = (await pipeline.RunAsync(Model, $"{Model}/c.csv", BinaryData.FromBytes(data[..^200]))).ReadOutputAs<RunOutcome>()!;
        Assert.Equal(RunStatus.Rejected, refused.Status);
        Assert.StartsWith("budget.monthly:", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("15.0000 USD spent", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("of the 10.0000 USD limit", refused.Reason, StringComparison.Ordinal);

        var monitor = new MonitorInput { MonitorId = "monitor-bc-test", Model = Model, Window = MonitoringWindow.Ending(DateTimeOffset.UtcNow, TimeSpan.FromDays(1)) };
        RetrainPlan plan = await pipeline.Services.GetRequiredService<PlanRetrainActivity>()
            .RunAsync(new TestActivityContext(nameof(PlanRetrainActivity), monitor.MonitorId), new RetrainInput { Monitor = monitor, Finding = "drift: 5 of 30 columns" });
        Assert.False(plan.Start);
        Assert.StartsWith("retrain refused: budget.monthly:", plan.Reason, StringComparison.Ordinal);

        IReadOnlyList<AlertRecord> alerts = await pipeline.Services.GetRequiredService<AlertPublisher>().ListAsync(Model);
        AlertRecord[] budget = [.. alerts.Where(a => a.Kind == AlertKind.Budget)];
        Assert.Single(budget, a => a.Message.StartsWith("50 % of the monthly budget", StringComparison.Ordinal));
        Assert.Single(budget, a => a.Message.StartsWith("100 % of the monthly budget", StringComparison.Ordinal));
        Assert.Single(budget, a => a.RunId == refused.RunId && a.Message.StartsWith("training run refused", StringComparison.Ordinal));
        Assert.Single(budget, a => a.Message.StartsWith("retrain after drift", StringComparison.Ordinal));
        Assert.DoesNotContain(alerts, a => a.Kind == AlertKind.DataRejected); // a refused run is a budget matter, not bad data
    }
}
