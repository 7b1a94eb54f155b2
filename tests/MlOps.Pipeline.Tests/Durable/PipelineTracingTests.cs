using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Alerts;
using MlOps.Core.Runs;
using MlOps.Core.Telemetry;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Tests.Orchestrations;
using MlOps.Testing;
using OpenTelemetry.Metrics;

namespace MlOps.Pipeline.Tests.Durable;

[Collection(TelemetryCollection.Name)]
public sealed class PipelineTracingTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public PipelineTracingTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task RunAsync_PipelineRun_OneTraceWithActivityStageAndCandidateSpansAndACrashRecorded()
    {
        using var telemetry = new TelemetryCapture();
        string model = UniqueName.For("bc");
        var replace = new Dictionary<string, Func<IServiceProvider, ITaskActivity>>
        {
            [nameof(TrainCandidateActivity)] = services => new CrashingCandidateActivity(
                services.GetRequiredService<TrainCandidateActivity>(), input => input.Candidate.Trainer == "LbfgsLogisticRegression"),
        };
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(_azurite.ConnectionString, replace);
        await pipeline.Datasets.GetBlobClient($"{model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "positiveClass": "malignant",
              "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 30 } }, { "name": "LbfgsLogisticRegression" } ] } }
            """));

        OrchestrationMetadata done = await pipeline.RunAsync(model, $"{model}/data.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(TestData.BreastCancerCsv)));

        RunOutcome outcome = done.ReadOutputAs<RunOutcome>()!;
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        RunRecord run = (await pipeline.Services.GetRequiredService<RunStore>().GetAsync(outcome.RunId))!;
        Assert.Matches("^[0-9a-f]{32}$", run.TraceId);
        IReadOnlyList<Activity> spans = telemetry.SpansOfTrace(run.TraceId!);

        Activity root = Assert.Single(spans, s => s.ParentSpanId == default);
        Assert.Equal($"run {model}", root.DisplayName);
        Assert.Equal(outcome.RunId, root.GetTagItem(MlOpsTags.RunId));
        Assert.Equal("test", root.GetTagItem(MlOpsTags.Trigger));

        // Every activity of the run is a child of the root, tagged with the model and run.
        Activity[] activities = [.. spans.Where(s => s.GetTagItem(MlOpsTags.Activity) is not null)];
        Assert.All(activities, a =>
        {
            Assert.Equal(root.SpanId, a.ParentSpanId);
            Assert.Equal(model, a.GetTagItem(MlOpsTags.Model));
            Assert.Equal(outcome.RunId, a.GetTagItem(MlOpsTags.RunId));
        });
        string[] names = [.. activities.Select(a => a.DisplayName).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(
            [nameof(CompleteTrainingActivity), nameof(DeployActivity), nameof(EvaluateActivity), nameof(IngestActivity), nameof(PlanCandidatesActivity),
             nameof(TrainCandidateActivity), nameof(UpdateRunStatusActivity)],
            names);
        Assert.Equal(1, Assert.Single(activities, a => a.DisplayName == nameof(DeployActivity)).GetTagItem(MlOpsTags.Version));

        // Stage spans nest in the activity that did the work; the train stage spans the fan-out beside the candidates.
        foreach (string stage in new[] { "ingest", "evaluate", "deploy" })
        {
            Activity span = Assert.Single(spans, s => s.DisplayName == stage);
            Activity parent = Assert.Single(activities, a => a.SpanId == span.ParentSpanId);
            Assert.Equal(stage, span.GetTagItem(MlOpsTags.Stage));
            Assert.Equal(nameof(RunStatus.Succeeded), span.GetTagItem(MlOpsTags.Status));
            Assert.Contains(parent.DisplayName, new[] { nameof(IngestActivity), nameof(EvaluateActivity), nameof(DeployActivity) });
        }

        Activity train = Assert.Single(spans, s => s.DisplayName == "train");
        Assert.Equal(root.SpanId, train.ParentSpanId);
        Activity[] candidates = [.. activities.Where(a => a.DisplayName == nameof(TrainCandidateActivity))];
        Assert.All(candidates, c => Assert.True(c.StartTimeUtc >= train.StartTimeUtc && c.StartTimeUtc + c.Duration <= train.StartTimeUtc + train.Duration + TimeSpan.FromMilliseconds(1)));

        // Each attempt of the crashing candidate (Durable retries it) has its exception on its span; the run still
        // succeeded with the other candidate, whose one span is not an error.
        Activity[] crashed = [.. candidates.Where(c => (string?)c.GetTagItem(MlOpsTags.Trainer) == "LbfgsLogisticRegression")];
        Assert.True(crashed.Length >= 2, $"{crashed.Length} attempts of the crashing candidate traced");
        Assert.All(crashed, c =>
        {
            Assert.Equal(ActivityStatusCode.Error, c.Status);
            ActivityEvent exception = Assert.Single(c.Events, e => e.Name == "exception");
            Assert.Contains("simulated crash", exception.Tags.Single(t => t.Key == "exception.message").Value as string, StringComparison.Ordinal);
        });
        Activity good = Assert.Single(candidates, c => (string?)c.GetTagItem(MlOpsTags.Trainer) == "LightGbm");
        Assert.Equal(ActivityStatusCode.Unset, good.Status);
        Assert.Equal(2, candidates.Select(c => c.GetTagItem(MlOpsTags.Candidate)).Distinct().Count());

        // Metrics of the same run: its stages' durations and the run's outcome and duration.
        IReadOnlyList<MetricPoint> stages = telemetry.Points("mlops.stage.duration", model);
        Assert.Equal(["deploy", "evaluate", "ingest", "train"], stages.Select(p => (string)TelemetryCapture.Tag(p, MlOpsTags.Stage)!).Distinct().Order(StringComparer.Ordinal));
        MetricPoint ended = Assert.Single(telemetry.Points("mlops.runs.ended", model));
        Assert.Equal(nameof(RunStatus.Succeeded), TelemetryCapture.Tag(ended, MlOpsTags.Status));
        Assert.Equal(1, ended.GetSumLong());
    }
}
