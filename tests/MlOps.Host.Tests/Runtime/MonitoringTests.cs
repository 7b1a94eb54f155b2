using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOps.Core.Alerts;
using MlOps.Core.Monitoring;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// The monitors on the real backend: no drift on held-back rows, drift on shifted rows that starts exactly one
/// retrain (the gate decides its promotion), cool-down honoured, decay from late labels, alerts raised.
/// </summary>
public sealed class MonitoringTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public MonitoringTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Monitor_HeldBackThenShiftedThenLabelled_DriftRetrainsOnceAndDecayIsDetected()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["AzureWebJobs.MonitorModels.Disabled"] = "true",
            ["Serving:PredictionLogFlushInterval"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl) };
        http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, "test-key");
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        var runs = runtime.Services.GetRequiredService<RunStore>();
        await storage.EnsureCreatedAsync();

        (string[] header, string[][] rows) = await BreastCancerTraffic.ReadAsync();
        string[][] training = [.. rows.Where((_, i) => i % 5 != 0)];
        string[][] heldBack = [.. rows.Where((_, i) => i % 5 == 0)];
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "positiveClass": "malignant",
              "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 50 } } ] },
              "gates": { "minimumImprovement": 0 },
              "monitoring": { "window": "00:00:15", "retrain": { "enabled": true, "cooldown": "01:00:00" }, "decay": { "minLabels": 40 } } }
            """));
        await datasets.GetBlobClient($"{Model}/train.csv").UploadAsync(BinaryData.FromString(BreastCancerTraffic.Csv(header, training)));
        await Eventually.UntilAsync(async () => await registry.GetAliasAsync(Model, ModelRegistry.Production) is not null, "v1 in production");

        // 1. Held-back rows from the same distribution: no drift, nothing retrained.
        await PredictAsync(http, header, heldBack);
        MonitorRecord calm = await MonitorAsync(runtime, http);
        Assert.False(calm.Drifted);
        Assert.Null(calm.RetrainRunId);
        Assert.True(calm.RetrainDecision == "drift and decay within thresholds", $"{calm.RetrainDecision} (now {DateTimeOffset.UtcNow:O})");
        Assert.NotNull(calm.DriftReport);

        // 2. A new window of shifted rows: drift, and exactly one retrain, whose gate decides promotion.
        await Task.Delay(TimeSpan.FromSeconds(16)); // the next window holds only what follows
        string[][] shifted = BreastCancerTraffic.Shift(header, rows, heldBack);
        await PredictAsync(http, header, shifted);
        MonitorRecord drifted = await MonitorAsync(runtime, http);
        Assert.True(drifted.Drifted, $"drifted share {drifted.DriftedShare}: {drifted.RetrainDecision} (now {DateTimeOffset.UtcNow:O})");
        Assert.NotNull(drifted.RetrainRunId);
        Assert.NotNull(drifted.RetrainOutcome);
        RunRecord retrain = (await runs.GetAsync(drifted.RetrainRunId!))!;
        Assert.Equal("monitor", retrain.Trigger);
        Assert.Contains(drifted.MonitorId, retrain.TriggeredBy, StringComparison.Ordinal);
        Assert.StartsWith($"{Model}/_retrain/", retrain.DatasetBlob, StringComparison.Ordinal);
        int production = (await registry.GetAliasAsync(Model, ModelRegistry.Production))!.Version;
        Assert.Equal(retrain.Decision!.Passed ? retrain.ModelVersion : 1, production); // promoted only if it won
        Assert.Equal(retrain.Status == RunStatus.Succeeded, production == retrain.ModelVersion);

        // 3. Traffic still shifted (the retrain may have outlasted the window), but in cool-down: no second retrain.
        await PredictAsync(http, header, shifted);
        MonitorRecord coolDown = await MonitorAsync(runtime, http);
        Assert.True(coolDown.Drifted);
        Assert.Null(coolDown.RetrainRunId);
        Assert.Contains("cool-down", coolDown.RetrainDecision, StringComparison.Ordinal);
        Assert.Single(await runs.ListAsync(Model), r => r.Trigger == "monitor");

        // 4. Late labels that contradict the answers of the latest traffic: decay.
        List<(string RequestId, int Row)> logged = await PredictAsync(http, header, shifted);
        var feedback = logged.Select((p, i) => new { requestId = p.RequestId, row = p.Row, label = shifted[i][^1] == "malignant" ? "benign" : "malignant" }).ToList();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync($"/api/models/{Model}/feedback", feedback)).StatusCode);
        MonitorRecord decayed = await MonitorAsync(runtime, http);
        Assert.True(decayed.Decayed, decayed.DecayVerdict);

        var alerts = await runtime.Services.GetRequiredService<AlertPublisher>().ListAsync(Model);
        Assert.Contains(alerts, a => a.Kind == AlertKind.Drift);
        Assert.Contains(alerts, a => a.Kind == AlertKind.Decay);
        Assert.Contains(alerts, a => a.Kind == AlertKind.Retrain && a.RunId == drifted.RetrainRunId);
        HttpResponseMessage plot = await http.GetAsync($"/api/models/{Model}/drift/{drifted.Window.Id}/plot");
        Assert.Equal("image/png", plot.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MonitorSchedule_TickTwiceInOneSecond_StartsOneMonitorPerProductionModel()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["AzureWebJobs.MonitorModels.Disabled"] = "true" });
        Assert.NotNull(runtime.Services.GetServices<IHostedService>().OfType<MonitorScheduleService>().Single().DisabledBecause);
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        await storage.EnsureCreatedAsync();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient("on/pipeline.json").UploadAsync(BinaryData.FromString("""{ "label": "diagnosis" }"""));
        await datasets.GetBlobClient("off/pipeline.json").UploadAsync(BinaryData.FromString("""{ "label": "diagnosis", "monitoring": { "enabled": false } }"""));
        string csv = await File.ReadAllTextAsync(TestData.BreastCancerCsv);
        await datasets.GetBlobClient("on/a.csv").UploadAsync(BinaryData.FromString(csv));
        await datasets.GetBlobClient("off/a.csv").UploadAsync(BinaryData.FromString(csv));
        await Eventually.UntilAsync(async () => await registry.GetAliasAsync("on", ModelRegistry.Production) is not null
            && await registry.GetAliasAsync("off", ModelRegistry.Production) is not null, "both models in production");

        var scheduler = runtime.Services.GetRequiredService<MlOps.Pipeline.Monitoring.MonitorScheduler>();
        var tick = new DateTimeOffset(2026, 11, 27, 12, 0, 0, 250, TimeSpan.Zero);
        IReadOnlyList<string> first = await scheduler.TickAsync(runtime.Client, tick);
        IReadOnlyList<string> again = await scheduler.TickAsync(runtime.Client, tick.AddMilliseconds(500)); // a second host, same scheduled second

        Assert.Equal(["monitor-on-20261127T120000"], first);
        Assert.Empty(again);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        OrchestrationMetadata done = await runtime.Client.WaitForInstanceCompletionAsync(first[0], getInputsAndOutputs: true, timeout.Token);
        MonitorRecord record = done.ReadOutputAs<MonitorRecord>()!;
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), record.Window.End);
        Assert.Equal(TimeSpan.FromHours(24), record.Window.End - record.Window.Start);
    }

    private static async Task<MonitorRecord> MonitorAsync(LocalRuntime runtime, HttpClient http)
    {
        await runtime.Services.GetRequiredService<PredictionLog>().FlushAsync();
        HttpResponseMessage started = await http.PostAsync($"/api/models/{Model}/monitor", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        string id = body.RootElement.GetProperty("monitorId").GetString()!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        OrchestrationMetadata done = await runtime.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        return done.ReadOutputAs<MonitorRecord>()!;
    }

    /// <summary>Scores the rows ten per request (so a window holds them all even on a loaded machine); returns each row's request id and index.</summary>
    private static async Task<List<(string RequestId, int Row)>> PredictAsync(HttpClient http, string[] header, string[][] rows)
    {
        var logged = new List<(string, int)>();
        foreach (string[][] chunk in rows.Chunk(10))
        {
            HttpResponseMessage response = await http.PostAsJsonAsync($"/api/models/{Model}/predict", BreastCancerTraffic.Features(header, chunk));
            response.EnsureSuccessStatusCode();
            using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            string requestId = answer.RootElement.GetProperty("requestId").GetString()!;
            logged.AddRange(Enumerable.Range(0, chunk.Length).Select(i => (requestId, i)));
        }

        return logged;
    }
}
