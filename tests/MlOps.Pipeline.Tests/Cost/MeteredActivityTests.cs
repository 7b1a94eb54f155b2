using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Cost;
using MlOps.Core.Runs;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Orchestrations;
using MlOps.Pipeline.Tests.Orchestrations;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Cost;

/// <summary>Every unit of a run is measured and priced once in the ledger: each activity, each candidate, the orchestrator's replays.</summary>
public sealed class MeteredActivityTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public MeteredActivityTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task RunAsync_TrainingRun_LedgerRowsAreMeasuredQuantitiesTimesListPrices()
    {
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString);
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "training": { "trainers": [ { "name": "LightGbm", "search": { "numberOfLeaves": [4, 8] } } ] } }
            """));

        OrchestrationMetadata done = await pipeline.RunAsync(Model, $"{Model}/data.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(TestData.BreastCancerCsv)));

        RunOutcome outcome = done.ReadOutputAs<RunOutcome>()!;
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        IReadOnlyList<CostLedgerEntry> rows = await pipeline.Services.GetRequiredService<CostLedger>().ForOwnerAsync(Model, outcome.RunId);
        string[] units = [.. rows.Select(r => r.Id[(outcome.RunId.Length + 1)..]).Order(StringComparer.Ordinal)];
        Assert.Equal(
            ["deploy|deploy", "evaluate|evaluate", "ingest|ingest", "orchestration|replays", "orchestration|status-succeeded", "train|candidate-0000", "train|candidate-0001",
             "train|complete", "train|plan"],
            units);

        PriceSheet sheet = PriceSheetDefaults.ListPrices;
        foreach (CostLedgerEntry row in rows)
        {
            ResourceUsage usage = row.Usage;
            double billedSeconds = usage.ActiveMs <= 0 ? 0 : Math.Max(1.0, Math.Ceiling(Math.Round(usage.ActiveMs / 100, 6)) / 10);
            double expected = (billedSeconds * 2 * 0.000026) + (usage.Executions * 0.40 / 1e6)
                + usage.Storage.Sum(s => s.Count * (s.Service, s.Class) switch
                {
                    (StorageService.Blob, StorageOperationClass.Write or StorageOperationClass.List) => 0.05 / 1e4,
                    (StorageService.Blob, _) => 0.004 / 1e4,
                    (StorageService.Queue, _) => 0.004 / 1e4,
                    _ => 0.00036 / 1e4,
                });
            Assert.Equal(expected, row.Cost.Total, 15);
            Assert.Equal(sheet.Version, row.PriceSheetVersion);
            Assert.Equal("USD", row.Currency);
        }

        // Measured, not made up: ingest read the upload and wrote the splits; training took time; replays = activities + start.
        CostLedgerEntry ingest = rows.Single(r => r.Stage == CostStages.Ingest);
        Assert.True(ingest.Usage.StorageCount(StorageService.Blob) > 3 && ingest.Usage.Storage.Sum(s => s.Bytes) > 50_000);
        Assert.All(rows.Where(r => r.Kind == CostKind.Candidate), c => Assert.True(c.Usage.ActiveMs > 0 && c.Usage.CpuMs > 0 && c.Usage.PeakMemoryBytes > 0));
        Assert.Equal(rows.Count(r => r.Kind != CostKind.Orchestration) + 1, rows.Single(r => r.Kind == CostKind.Orchestration).Usage.Executions);
        var (run, candidates) = await pipeline.Services.GetRequiredService<CostReports>().ForRunAsync(Model, outcome.RunId);
        Assert.Equal(rows.Sum(r => r.Cost.Total), run.Total, 15);
        Assert.Equal(["ingest", "train", "evaluate", "deploy", "orchestration"], run.ByStage.Keys);
        Assert.Equal([0, 1], candidates.Keys.Order());
    }

    [Fact]
    public async Task RunAsync_ActivityRetriedAfterItsWorkWasDone_CountedOnce()
    {
        CrashAfterWorkActivity<EvaluateInput, EvaluationResult>? crashing = null;
        var replace = new Dictionary<string, Func<IServiceProvider, ITaskActivity>>
        {
            [nameof(EvaluateActivity)] = services => crashing ??= new CrashAfterWorkActivity<EvaluateInput, EvaluationResult>(services.GetRequiredService<EvaluateActivity>()),
        };
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString, replace, DollarPerExecution.Settings);
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "training": { "trainers": [ { "name": "LbfgsLogisticRegression" } ] } }
            """));

        OrchestrationMetadata done = await pipeline.RunAsync(Model, $"{Model}/data.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(TestData.BreastCancerCsv)));

        RunOutcome outcome = done.ReadOutputAs<RunOutcome>()!;
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(2, crashing!.Executions); // the work ran twice ...
        IReadOnlyList<CostLedgerEntry> rows = await pipeline.Services.GetRequiredService<CostLedger>().ForOwnerAsync(Model, outcome.RunId);
        CostLedgerEntry evaluate = Assert.Single(rows, r => r.Stage == CostStages.Evaluate); // ... and is in the ledger once
        Assert.Equal(1, evaluate.Usage.Executions);
        Assert.Equal(1.0, evaluate.Cost.Total);
        // ingest, plan, one candidate, complete, evaluate, deploy, status, and the replays row (one per activity plus the start).
        Assert.Equal(8, rows.Count);
        Assert.Equal(7 + 8, rows.Sum(r => r.Cost.Total));
    }
}
