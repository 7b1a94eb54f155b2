using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Starting;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Orchestrations;

public sealed class TrainingPipelineOrchestratorTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public TrainingPipelineOrchestratorTests(AzuriteFixture azurite) => _azurite = azurite;

    private static BinaryData Spec(double minimumImprovement = 0) => BinaryData.FromString(
        $$"""{ "label": "diagnosis", "positiveClass": "malignant", "gates": { "minimumImprovement": {{minimumImprovement.ToString(System.Globalization.CultureInfo.InvariantCulture)}} } }""");

    [Fact]
    public async Task RunAsync_GoodData_RegistersAndPromotesVersionOne()
    {
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString);
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(Spec());

        OrchestrationMetadata done = await pipeline.RunAsync(Model, $"{Model}/data.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(TestData.BreastCancerCsv)));

        RunOutcome outcome = done.ReadOutputAs<RunOutcome>()!;
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(1, outcome.ModelVersion);
        Assert.True(outcome.Metrics!["auc"] > 0.95, $"test AUC {outcome.Metrics["auc"]}");
        RunRecord run = (await pipeline.Services.GetRequiredService<RunStore>().GetAsync(outcome.RunId))!;
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.NotNull(run.EndedAt);
        Assert.Equal(64, run.DatasetVersion!.Length);
    }

    [Fact]
    public async Task RunAsync_LabelMissing_RejectedAndNothingRegistered()
    {
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString);
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(Spec());

        OrchestrationMetadata done = await pipeline.RunAsync(Model, $"{Model}/bad.csv", BinaryData.FromString("x,y\n1,2\n"));

        RunOutcome outcome = done.ReadOutputAs<RunOutcome>()!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(RunStatus.Rejected, outcome.Status);
        Assert.Contains("'diagnosis' is not in the header", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(await pipeline.Services.GetRequiredService<ModelRegistry>().ListVersionsAsync(Model));
        IReadOnlyList<RunStepRecord> steps = await pipeline.Services.GetRequiredService<RunStore>().GetStepsAsync(outcome.RunId);
        Assert.Equal(RunStatus.Rejected, Assert.Single(steps).Status);
    }

    [Fact]
    public async Task RunAsync_ChallengerMustImproveImpossibly_NotPromotedAndProductionUnchanged()
    {
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString);
        BinaryData data = BinaryData.FromBytes(await File.ReadAllBytesAsync(TestData.BreastCancerCsv));
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(Spec());
        await pipeline.RunAsync(Model, $"{Model}/v1.csv", data);

        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(Spec(minimumImprovement: 0.5), overwrite: true);
        RunOutcome second = (await pipeline.RunAsync(Model, $"{Model}/v2.csv", data)).ReadOutputAs<RunOutcome>()!;

        Assert.Equal(RunStatus.NotPromoted, second.Status);
        Assert.Equal(2, second.ModelVersion);
        Assert.Contains("does not beat production v1", second.Reason, StringComparison.Ordinal);
        var registry = pipeline.Services.GetRequiredService<ModelRegistry>();
        Assert.Equal(1, (await registry.GetAliasAsync(Model, ModelRegistry.Production))!.Version);
        Assert.Single(await registry.HistoryAsync(Model));
    }

    [Fact]
    public async Task RunAsync_SameContentAndSpecAgain_SkippedUnchanged()
    {
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString);
        BinaryData data = BinaryData.FromBytes(await File.ReadAllBytesAsync(TestData.BreastCancerCsv));
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(Spec());
        await pipeline.RunAsync(Model, $"{Model}/first.csv", data);

        RunOutcome again = (await pipeline.RunAsync(Model, $"{Model}/copy.csv", data)).ReadOutputAs<RunOutcome>()!;

        Assert.Equal(RunStatus.Skipped, again.Status);
        Assert.Contains("unchanged", again.Reason, StringComparison.Ordinal);
        Assert.Single(await pipeline.Services.GetRequiredService<ModelRegistry>().ListVersionsAsync(Model));
    }

    [Fact]
    public async Task StartForBlobAsync_SameVersionTwice_StartsOneRun()
    {
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString);
        var starter = pipeline.Services.GetRequiredService<RunStarter>();

        RunStartResult first = await starter.StartForBlobAsync(pipeline.Client, Model, $"{Model}/x.csv", "etag:1", "test");
        RunStartResult second = await starter.StartForBlobAsync(pipeline.Client, Model, $"{Model}/x.csv", "etag:1", "test");
        RunStartResult other = await starter.StartForBlobAsync(pipeline.Client, Model, $"{Model}/x.csv", "etag:2", "test");

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Equal(first.RunId, second.RunId);
        Assert.True(other.Started);
        Assert.NotEqual(first.RunId, other.RunId);
    }
}
