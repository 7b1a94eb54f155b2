using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Monitoring;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Functions.Tests.Hosting;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Monitoring;
using MlOps.Testing;

namespace MlOps.Functions.Tests;

/// <summary>
/// Every function of the app runs here without the Functions host, in the service provider Program.cs builds, on
/// Azurite: blob triggers start runs whose orchestrator and activity functions run on the durable backend; HTTP
/// functions read and change what they did; the monitor timer and HTTP start monitors that drift, decay and retrain;
/// approval and rejection reach waiting runs; the runs' cost, checked against a per-run budget before each wave of
/// candidates, is read back and reconciled by the cost monitor on demand and from its timer. The last assertion fails when a [Function] was not exercised, so a
/// function added later must be added here.
/// </summary>
public sealed class FunctionsAppTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private const string Approved = "bca";
    private const string Rejected = "bcr";

    private static readonly Dictionary<string, string> NoRoute = [];

    private readonly AzuriteFixture _azurite;

    public FunctionsAppTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task FunctionsApp_EveryFunction_RunsAgainstAzuriteWithoutTheFunctionsHost()
    {
        await using FunctionsAppHarness app = await FunctionsAppHarness.StartAsync(_azurite.ConnectionString);
        var registry = app.Services.GetRequiredService<ModelRegistry>();
        var runs = app.Services.GetRequiredService<RunStore>();
        BlobContainerClient datasets = app.Storage.Container(app.Storage.Layout.Datasets);
        (string[] header, string[][] rows) = await BreastCancerTraffic.ReadAsync();
        string[][] training = [.. rows.Where((_, i) => i % 5 != 0)];
        string[][] heldBack = [.. rows.Where((_, i) => i % 5 == 0)];
        var model = new Dictionary<string, string> { ["model"] = Model };

        Assert.Equal(200, (await app.HttpAsync("Health", NoRoute)).Status);
        Assert.Equal("ready", (await OkAsync(app, "Readiness", NoRoute)).Json().GetProperty("status").GetString());
        Assert.Contains("<html", (await OkAsync(app, "Dashboard", NoRoute)).Text, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("3.", (await OkAsync(app, "GetOpenApi", NoRoute)).Json().GetProperty("openapi").GetString(), StringComparison.Ordinal);

        // A spec over HTTP, an upload through both blob triggers (one run per blob version): v1 in production.
        HttpCall spec = await app.HttpAsync("PutModelSpec", model, Spec("auto"));
        Assert.True(spec.Status is 200 or 201, spec.ToString());
        BlobClient upload = datasets.GetBlobClient($"{Model}/train.csv");
        await upload.UploadAsync(BinaryData.FromString(BreastCancerTraffic.Csv(header, training)));
        await app.TriggerAsync("DatasetUploadedEventGrid", upload);
        await app.TriggerAsync("DatasetUploadedPolling", upload);
        RunRecord first = Assert.Single(await runs.ListAsync(Model));
        RunOutcome outcome = (await app.WaitAsync(first.RunId)).ReadOutputAs<RunOutcome>()!;
        Assert.True(outcome.Status == RunStatus.Succeeded, outcome.Reason);
        var run = new Dictionary<string, string> { ["runId"] = first.RunId };
        JsonElement runJson = (await OkAsync(app, "GetRun", run)).Json();
        Assert.Equal("succeeded", runJson.GetProperty("run").GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal("Completed", runJson.GetProperty("orchestration").GetProperty("runtimeStatus").GetString());
        await OkAsync(app, "GetRunValidation", run);
        Assert.NotEqual(0, (await OkAsync(app, "ListRunCandidates", run)).Json().GetArrayLength());
        Assert.Equal(1, (await OkAsync(app, "ListRuns", model)).Json().GetArrayLength());
        Assert.Contains(Model, (await OkAsync(app, "ListModels", NoRoute)).Text, StringComparison.Ordinal);
        await OkAsync(app, "GetModel", model);
        await OkAsync(app, "ListModelVersions", model);
        await OkAsync(app, "GetModelVersion", new Dictionary<string, string> { ["model"] = Model, ["version"] = "1" });
        Assert.Contains("diagnosis", (await OkAsync(app, "GetModelSpec", model)).Text, StringComparison.Ordinal);
        await OkAsync(app, "ListAliases", model);

        // The shared handlers check identifiers here too: a bad one is a 400 that states the rule, never a default.
        HttpCall badVersion = await app.HttpAsync("GetModelVersion", new Dictionary<string, string> { ["model"] = Model, ["version"] = "abc" });
        Assert.True(badVersion.Status == 400 && badVersion.Text.Contains(VersionNumber.Rule, StringComparison.Ordinal), badVersion.ToString());

        // An upload in a folder no model can take starts no run and is an alert.
        BlobClient ignored = datasets.GetBlobClient("bad name/data.csv");
        await ignored.UploadAsync(BinaryData.FromString(BreastCancerTraffic.Csv(header, training)));
        await app.TriggerAsync("DatasetUploadedEventGrid", ignored);
        JsonElement uploadAlert = Assert.Single((await OkAsync(app, "ListUploadAlerts", NoRoute)).Json().EnumerateArray());
        Assert.Equal("uploadIgnored", uploadAlert.GetProperty("kind").GetString());

        // Shifted traffic over HTTP, labels that contradict its answers: the monitor finds drift and decay and retrains.
        string[][] shifted = BreastCancerTraffic.Shift(header, rows, heldBack);
        var logged = new List<(string RequestId, int Row, string Label)>();
        foreach (string[][] chunk in shifted.Chunk(20))
        {
            HttpCall predicted = await OkAsync(app, "Predict", model, JsonSerializer.Serialize(BreastCancerTraffic.Features(header, chunk)));
            string requestId = predicted.Json().GetProperty("requestId").GetString()!;
            logged.AddRange(chunk.Select((r, i) => (requestId, i, r[^1] == "malignant" ? "benign" : "malignant")));
        }

        HttpCall feedback = await app.HttpAsync("PostFeedback", model, JsonSerializer.Serialize(logged.Select(l => new { requestId = l.RequestId, row = l.Row, label = l.Label })));
        Assert.True(feedback.Status == 202, feedback.ToString());
        await app.Services.GetRequiredService<PredictionLog>().FlushAsync();
        HttpCall started = await app.HttpAsync("StartMonitor", model);
        Assert.True(started.Status == 202, started.ToString());
        MonitorRecord monitor = (await app.WaitAsync(started.Json().GetProperty("monitorId").GetString()!)).ReadOutputAs<MonitorRecord>()!;
        Assert.True(monitor.Drifted, monitor.RetrainDecision);
        Assert.True(monitor.Decayed, monitor.DecayVerdict);
        Assert.True(monitor.ServingHealthy == true, monitor.ServingSkippedBecause); // too few requests in the window to judge
        Assert.NotNull(monitor.RetrainRunId);
        Assert.NotNull(monitor.RetrainOutcome);
        Assert.NotEqual(0, (await OkAsync(app, "ListMonitors", model)).Json().GetArrayLength());
        Assert.NotEqual(0, (await OkAsync(app, "ListDrift", model)).Json().GetArrayLength());
        Assert.NotEqual(0, (await OkAsync(app, "ListDecay", model)).Json().GetArrayLength());
        JsonElement health = (await OkAsync(app, "GetServingHealth", model)).Json()[0];
        Assert.Equal("host", health.GetProperty("source").GetString());
        Assert.Contains(health.GetProperty("versions").EnumerateArray(), v => v.GetProperty("requests").GetInt64() > 0);
        Assert.NotEqual(0, (await OkAsync(app, "ListAlerts", model)).Json().GetArrayLength());
        var window = new Dictionary<string, string> { ["model"] = Model, ["windowId"] = monitor.Window.Id };
        Assert.Contains("mean_radius", (await OkAsync(app, "GetDriftReport", window)).Text, StringComparison.Ordinal);
        Assert.Equal("image/png", (await OkAsync(app, "GetDriftPlot", window)).ContentType);

        // The registry over HTTP: the retrain registered v2; point production at the version it is not on, roll back.
        int production = (await registry.GetAliasAsync(Model, ModelRegistry.Production))!.Version;
        int other = production == 1 ? 2 : 1;
        await OkAsync(app, "PromoteAlias", new Dictionary<string, string> { ["model"] = Model, ["alias"] = "staging" }, """{"version": 1, "reason": "test", "by": "tests"}""");
        await OkAsync(app, "PromoteAlias", new Dictionary<string, string> { ["model"] = Model, ["alias"] = ModelRegistry.Production }, $$"""{"version": {{other}}, "reason": "test", "by": "tests"}""");
        await OkAsync(app, "Rollback", model, """{"reason": "test", "by": "tests"}""");
        Assert.Equal(production, (await registry.GetAliasAsync(Model, ModelRegistry.Production))!.Version);
        await OkAsync(app, "CompareVersions", model, query: "a=1&b=2");
        Assert.NotEqual(0, (await OkAsync(app, "PromotionHistory", model)).Json().GetArrayLength());
        JsonElement card = (await OkAsync(app, "GetModelCard", new Dictionary<string, string> { ["model"] = Model, ["version"] = "1" })).Json();
        Assert.Contains(card.GetProperty("promotions").EnumerateArray(), p => p.GetProperty("alias").GetString() == "staging" && p.GetProperty("toVersion").GetInt32() == 1);
        Assert.True(card.GetProperty("data").GetProperty("rows").GetInt64() > 0, card.ToString());

        // Runs started over HTTP that wait for a human: one approved (promoted by the promote activity), one rejected.
        var waiting = new Dictionary<string, string>();
        foreach (string name in new[] { Approved, Rejected })
        {
            await OkAsync(app, "PutModelSpec", new Dictionary<string, string> { ["model"] = name }, Spec("approval"));
            await datasets.GetBlobClient($"{name}/a.csv").UploadAsync(BinaryData.FromString(BreastCancerTraffic.Csv(header, training)));
            HttpCall start = await app.HttpAsync("StartRun", new Dictionary<string, string> { ["model"] = name }, $$"""{"blob": "{{name}}/a.csv"}""");
            Assert.True(start.Status == 202 && start.Location is not null, start.ToString());
            waiting[name] = start.Json().GetProperty("runId").GetString()!;
        }

        foreach (string runId in waiting.Values)
        {
            await Eventually.UntilAsync(async () => (await runs.GetAsync(runId))?.Status == RunStatus.WaitingForApproval, $"{runId} waiting for approval");
        }

        Assert.Equal(202, (await app.HttpAsync("ApproveRun", new Dictionary<string, string> { ["runId"] = waiting[Approved] }, """{"reason": "looks good", "by": "tests"}""")).Status);
        Assert.Equal(202, (await app.HttpAsync("RejectRun", new Dictionary<string, string> { ["runId"] = waiting[Rejected] }, """{"reason": "not now", "by": "tests"}""")).Status);
        Assert.Equal(RunStatus.Succeeded, (await app.WaitAsync(waiting[Approved])).ReadOutputAs<RunOutcome>()!.Status);
        Assert.Equal(RunStatus.NotPromoted, (await app.WaitAsync(waiting[Rejected])).ReadOutputAs<RunOutcome>()!.Status);
        Assert.Equal(1, (await registry.GetAliasAsync(Approved, ModelRegistry.Production))!.Version);
        Assert.Null(await registry.GetAliasAsync(Rejected, ModelRegistry.Production));

        // Batch scoring through both scoring triggers.
        BlobContainerClient scoring = app.Storage.Container(app.Storage.Layout.Scoring);
        string batch = BreastCancerTraffic.Csv(header[..^1], [.. heldBack.Take(10).Select(r => r[..^1])]);
        foreach (string function in new[] { "ScoringUploadedEventGrid", "ScoringUploadedPolling" })
        {
            BlobClient blob = scoring.GetBlobClient($"{Model}/{function}.csv");
            await blob.UploadAsync(BinaryData.FromString(batch));
            await app.TriggerAsync(function, blob);
        }

        List<BlobItem> scored = [];
        await foreach (BlobItem item in app.Storage.Container(app.Storage.Layout.Scored).GetBlobsAsync(BlobTraits.None, BlobStates.None, Model + "/", CancellationToken.None))
        {
            scored.Add(item);
        }

        Assert.Equal(2, scored.Count);

        // The monitor timer starts one monitor per production model (two of three have one).
        await app.TriggerAsync("MonitorModels", new TimerInfo());
        List<string> ticked = [];
        await foreach (OrchestrationMetadata instance in app.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "monitor-" }))
        {
            ticked.Add(instance.InstanceId);
        }

        Assert.Equal(3, ticked.Count); // the HTTP one and the timer's two
        foreach (string id in ticked)
        {
            await app.WaitAsync(id);
        }

        // Cost: what the runs and predictions above cost, the plot, recommendations and prices over HTTP; the cost
        // monitor on demand and from its timer (the previous day), each writing the day's report.
        JsonElement cost = (await OkAsync(app, "GetModelCost", model)).Json();
        Assert.True(cost.GetProperty("total").GetDouble() > 0, cost.ToString());
        Assert.True((await OkAsync(app, "GetCost", NoRoute)).Json().GetProperty("byModel").TryGetProperty(Model, out _));
        Assert.Equal("image/png", (await OkAsync(app, "GetCostPlot", NoRoute)).ContentType);
        Assert.Equal(Model, (await OkAsync(app, "GetRecommendations", model)).Json().GetProperty("model").GetString());
        Assert.NotEmpty((await OkAsync(app, "GetPrices", NoRoute)).Json().GetProperty("prices").EnumerateObject());
        HttpCall refresh = await app.HttpAsync("RefreshPrices", NoRoute);
        Assert.True(refresh.Status == 409, refresh.ToString()); // off unless configured: this app never calls out
        HttpCall costMonitor = await app.HttpAsync("StartCostMonitor", NoRoute);
        Assert.True(costMonitor.Status == 202, costMonitor.ToString());
        CostMonitorOutcome costed = (await app.WaitAsync(costMonitor.Json().GetProperty("monitorId").GetString()!)).ReadOutputAs<CostMonitorOutcome>()!;
        Assert.True(costed.Estimated > 0, $"{costed.Day}: {costed.Estimated}");
        await OkAsync(app, "GetCostReport", new Dictionary<string, string> { ["day"] = costed.Day });
        await app.TriggerAsync(CostMonitorScheduler.TimerFunction, new TimerInfo());
        CostMonitorOutcome daily = (await app.WaitAsync(CostMonitorScheduler.ScheduledId(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1)))).ReadOutputAs<CostMonitorOutcome>()!;
        string[] reported = [.. (await OkAsync(app, "ListCostReports", NoRoute)).Json().EnumerateArray().Select(r => r.GetProperty("day").GetString()!)];
        Assert.Contains(costed.Day, reported);
        Assert.Contains(daily.Day, reported);

        string[] missed = [.. FunctionCatalog.All.Keys.Except(app.Invoker.Completed).Order(StringComparer.Ordinal)];
        Assert.True(missed.Length == 0, $"Functions never run to completion here: {string.Join(", ", missed)}. Exercise each in this test.");
    }

    private static async Task<HttpCall> OkAsync(FunctionsAppHarness app, string function, IReadOnlyDictionary<string, string> route, string? body = null, string? query = null)
    {
        HttpCall call = await app.HttpAsync(function, route, body, query);
        Assert.True(call.Status == 200, call.ToString());
        Assert.NotEmpty(call.Body);
        return call;
    }

    private static string Spec(string deployment) => $$"""
        { "label": "diagnosis", "positiveClass": "malignant",
          "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 30 } } ] },
          "gates": { "minimumImprovement": 0 },
          "budget": { "perRun": 100 },
          "deployment": { "mode": "{{deployment}}", "approvalTimeout": "01:00:00" },
          "monitoring": { "window": "1.00:00:00", "retrain": { "enabled": true, "cooldown": "01:00:00" }, "decay": { "minLabels": 40 } } }
        """;
}
