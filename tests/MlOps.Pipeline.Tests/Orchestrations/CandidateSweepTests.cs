using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Orchestrations;

/// <summary>The training fan-out: candidates in parallel, the documented fan-in rule, failures that stay failures of one candidate.</summary>
public sealed class CandidateSweepTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public CandidateSweepTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task RunAsync_SweepWithCrashingCandidate_ParallelCandidatesBestOnValidationWins()
    {
        var replace = new Dictionary<string, Func<IServiceProvider, ITaskActivity>>
        {
            [nameof(TrainCandidateActivity)] = services => new CrashingCandidateActivity(
                services.GetRequiredService<TrainCandidateActivity>(), input => input.Candidate.Parameters.GetValueOrDefault("numberOfLeaves") == 16),
        };
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString, replace);
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "positiveClass": "malignant",
              "training": { "trainers": [
                { "name": "LightGbm", "parameters": { "numberOfIterations": 60 }, "search": { "numberOfLeaves": [4, 16, 31] } },
                { "name": "LbfgsLogisticRegression" } ] } }
            """));

        OrchestrationMetadata done = await pipeline.RunAsync(Model, $"{Model}/data.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(TestData.BreastCancerCsv)));

        RunOutcome outcome = done.ReadOutputAs<RunOutcome>()!;
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        IReadOnlyList<CandidateRecord> candidates = await pipeline.Services.GetRequiredService<CandidateStore>().ListAsync(outcome.RunId);
        Assert.Equal(4, candidates.Count);

        CandidateRecord crashed = Assert.Single(candidates, c => c.Status == "failed");
        Assert.Equal(16, crashed.Candidate.Parameters["numberOfLeaves"]);
        Assert.Contains("simulated crash", crashed.Error, StringComparison.Ordinal);

        // The documented fan-in rule: highest validation AUC among candidates that succeeded, ties to the earlier one.
        CandidateRecord[] succeeded = [.. candidates.Where(c => c.Status == "succeeded")];
        Assert.Equal(3, succeeded.Length);
        CandidateRecord best = succeeded.OrderByDescending(c => c.ValidationMetrics["auc"]).ThenBy(c => c.Index).First();
        Assert.Equal(best.Index, Assert.Single(candidates, c => c.Selected).Index);
        Assert.All(succeeded, c => Assert.NotNull(c.Provenance));

        // Candidates ran in parallel: at least two of them overlapped in time.
        Assert.Contains(succeeded, a => succeeded.Any(b => b.Index != a.Index && a.StartedAt < b.EndedAt && b.StartedAt < a.EndedAt));

        ModelVersionRecord version = (await pipeline.Services.GetRequiredService<ModelRegistry>().GetVersionAsync(Model, 1))!;
        Assert.Equal(best.Candidate.Trainer, version.Trainer);
        Assert.NotEmpty(version.Importance);
        Assert.NotNull(version.Provenance);
        IReadOnlyList<RunStepRecord> steps = await pipeline.Services.GetRequiredService<RunStore>().GetStepsAsync(outcome.RunId);
        Assert.Contains("1 failed", steps.Single(s => s.Name == "train").Detail, StringComparison.Ordinal);
    }
}
