using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Runs;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Orchestrations;

/// <summary>What a run publishes while it works, for a client to show: candidates done of total with the best so far, ingest bytes and rows.</summary>
public sealed class RunProgressTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public RunProgressTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task RunAsync_OneCandidateDoneOfTwo_CustomStatusCountsItWithItsMetric()
    {
        PipelineHarness? pipeline = null;
        RunProgress? seen = null;
        string? lastStatus = null;
        var replace = new Dictionary<string, Func<IServiceProvider, ITaskActivity>>
        {
            // The second candidate starts only once the status shows the first one done, so the test sees the fan-in between the two.
            [nameof(TrainCandidateActivity)] = services => new WaitingCandidateActivity(
                services.GetRequiredService<TrainCandidateActivity>(), input => input.Index == 1, async input =>
                    seen = await Eventually.ValueAsync(async () =>
                    {
                        OrchestrationMetadata? instance = await pipeline!.Client.GetInstanceAsync(input.Stage.RunId, getInputsAndOutputs: true);
                        lastStatus = instance?.SerializedCustomStatus;
                        RunProgress? progress = lastStatus is { } json ? JsonSerializer.Deserialize<RunProgress>(json) : null;
                        return progress?.Candidates?.Done >= 1 ? progress : null;
                    }, "the first candidate counted in the custom status", TimeSpan.FromSeconds(90), () => lastStatus ?? "no custom status")),
        };
        pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString, replace);
        await using (pipeline)
        {
            await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
                { "label": "diagnosis", "positiveClass": "malignant",
                  "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 20 }, "search": { "numberOfLeaves": [4, 8] } } ] } }
                """));
            byte[] data = await File.ReadAllBytesAsync(TestData.BreastCancerCsv);

            OrchestrationMetadata done = await pipeline.RunAsync(Model, $"{Model}/data.csv", BinaryData.FromBytes(data));

            RunOutcome outcome = done.ReadOutputAs<RunOutcome>()!;
            Assert.Equal(RunStatus.Succeeded, outcome.Status);
            Assert.NotNull(seen);
            Assert.Equal("train", seen.Stage);
            CandidateProgress candidates = seen.Candidates!;
            Assert.Equal((1, 2, 0), (candidates.Done, candidates.Total, candidates.Failed));
            Assert.Equal("auc", candidates.Metric);
            IReadOnlyList<CandidateRecord> records = await pipeline.Services.GetRequiredService<CandidateStore>().ListAsync(outcome.RunId);
            CandidateRecord first = Assert.Single(records, r => r.Index == 0);
            Assert.Equal(first.ValidationMetrics["auc"], candidates.BestValue);
            Assert.Equal((first.Candidate.Trainer, first.Candidate.Id), (candidates.BestTrainer, candidates.BestId));
            Assert.Equal("done", JsonSerializer.Deserialize<RunProgress>(done.SerializedCustomStatus!)!.Stage);

            RunStepRecord ingest = (await pipeline.Services.GetRequiredService<RunStore>().GetStepsAsync(outcome.RunId)).Single(s => s.Name == "ingest");
            Assert.Equal(new StepProgress("parse", data.Length, data.Length, 569), ingest.Progress);
        }
    }
}
