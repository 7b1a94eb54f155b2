using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Registry;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;
using Xunit.Abstractions;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Storage stopped for 10 s under a steady predict load: its own Azurite on disk, stopped by its PID and started
/// again on the same ports and folder. Every request is answered from the cache, every answered request is in the
/// prediction log exactly once afterwards, and readiness says 503 while storage is gone and 200 once it is back.
/// </summary>
[Trait("Category", "Resilience")]
public sealed class StorageOutageTests
{
    private const string Model = "outage";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private readonly ITestOutputHelper _output;

    public StorageOutageTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task StorageStoppedUnderPredictLoad_EveryRequestAnsweredAndLoggedOnce_ReadinessFollowsStorage()
    {
        string data = Path.Combine(Path.GetTempPath(), UniqueName.For("outage"));
        var options = new AzuriteOptions
        {
            BlobPort = LoopbackPort.Free(), QueuePort = LoopbackPort.Free(), TablePort = LoopbackPort.Free(), DataDirectory = data, BelowNormalPriority = false,
        };
        var azuriteLogs = new CapturedLogs();
        ILogger azuriteLog = azuriteLogs.CreateLogger(nameof(AzuriteEmulator));
        AzuriteEmulator azurite = await AzuriteEmulator.StartAsync(options, azuriteLog);
        LocalRuntime? runtime = null;
        try
        {
            runtime = await IsolatedRuntime.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
            {
                ["Serving:PredictionLogFlushInterval"] = "00:00:00.500",
                ["AzureWebJobs.MonitorModels.Disabled"] = "true",
            });
            using var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
            string[] lines = await File.ReadAllLinesAsync(TestData.BreastCancerCsv);
            await TrainProductionAsync(runtime, lines);
            string[] header = lines[0].Split(',');
            Dictionary<string, double>[] rows = [.. lines.Skip(1).Select(l => Features(header, l.Split(',')))];
            Assert.Equal(HttpStatusCode.OK, (await PredictAsync(http, "warm-up", rows[0])).Status); // the model is cached

            var answers = new ConcurrentQueue<(string RequestId, int Status, DateTimeOffset SentAt)>();
            var failures = new ConcurrentQueue<string>();
            using var stopLoad = new CancellationTokenSource();
            Task[] load = [.. Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                for (int n = 0; n < 5_000 && !stopLoad.IsCancellationRequested; n++)
                {
                    string id = $"w{worker}-{n}";
                    DateTimeOffset sent = DateTimeOffset.UtcNow;
                    try
                    {
                        (HttpStatusCode status, _) = await PredictAsync(http, id, rows[(worker * 131 + n) % rows.Length]);
                        answers.Enqueue((id, (int)status, sent));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        failures.Enqueue($"{id}: {ex.Message}");
                    }

                    await Task.Delay(5);
                }
            }))];

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health/ready")).StatusCode);
            DateTimeOffset stoppedAt = DateTimeOffset.UtcNow;
            // Azurite writes an on-disk account when asked to stop, which takes seconds on a loaded machine; killed before
            // that, it would lose writes it had acknowledged (which no storage account does), and the test would blame the log.
            await azurite.StopAsync(TimeSpan.FromSeconds(30));
            await azurite.DisposeAsync();

            // While storage is gone: not ready, naming what is missing, and still alive.
            HttpResponseMessage notReady = await http.GetAsync("/api/health/ready");
            string notReadyBody = await notReady.Content.ReadAsStringAsync();
            Assert.True(notReady.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)notReady.StatusCode} {notReadyBody}");
            Assert.Contains("blob", notReadyBody, StringComparison.Ordinal);
            Assert.Equal("application/problem+json", notReady.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);

            TimeSpan rest = Outage - (DateTimeOffset.UtcNow - stoppedAt);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }

            azurite = await AzuriteEmulator.StartAsync(options, azuriteLog);
            DateTimeOffset restartedAt = DateTimeOffset.UtcNow;
            Assert.True(azurite.OwnsProcess);

            await Task.Delay(TimeSpan.FromSeconds(4));
            await stopLoad.CancelAsync();
            await Task.WhenAll(load);
            await Eventually.UntilAsync(async () => (await http.GetAsync("/api/health/ready")).StatusCode == HttpStatusCode.OK, "readiness once storage is back", TimeSpan.FromSeconds(60));

            (string RequestId, int Status, DateTimeOffset SentAt)[] all = [.. answers];
            int duringOutage = all.Count(a => a.SentAt > stoppedAt && a.SentAt < restartedAt);
            _output.WriteLine($"{all.Length} requests, {duringOutage} while storage was stopped ({(restartedAt - stoppedAt).TotalSeconds:F1} s)");
            Assert.Empty(failures);
            Assert.Empty(all.Where(a => a.Status >= 500).Select(a => $"{a.RequestId}: {a.Status}"));
            Assert.All(all, a => Assert.Equal(200, a.Status));
            Assert.True(duringOutage > 100, $"only {duringOutage} requests were sent while storage was stopped");

            // Every answered request is logged exactly once: the buffered log reached storage after the restart.
            var log = runtime.Services.GetRequiredService<PredictionLog>();
            var reader = runtime.Services.GetRequiredService<PredictionLogReader>();
            HashSet<string> expected = [.. all.Select(a => a.RequestId), "warm-up"];
            int lastCount = 0;
            List<string> logged = await Eventually.ValueAsync(
                async () =>
                {
                    List<string> read = [];
                    await foreach (LoggedPrediction row in reader.ReadAsync(Model, stoppedAt.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)))
                    {
                        read.Add(row.RequestId);
                    }

                    lastCount = read.Count;
                    return read.Count >= expected.Count ? read : null;
                },
                "every answered request in the prediction log", TimeSpan.FromSeconds(60),
                () => $"{lastCount} of {expected.Count} logged, {log.BufferedBytes} bytes still buffered; Azurite: "
                    + string.Join("; ", azuriteLogs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message)));
            Assert.Equal(0, log.DroppedEntries);
            Assert.Equal(expected.Order(StringComparer.Ordinal), logged.Order(StringComparer.Ordinal));
        }
        finally
        {
            if (runtime is not null)
            {
                await runtime.DisposeAsync();
            }

            await azurite.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task TrainProductionAsync(LocalRuntime runtime, string[] lines)
    {
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "positiveClass": "malignant", "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 40 } } ] } }
            """));
        await datasets.GetBlobClient($"{Model}/data.csv").UploadAsync(BinaryData.FromString(string.Join('\n', lines) + "\n"));
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        await Eventually.UntilAsync(async () => await registry.GetAliasAsync(Model, ModelRegistry.Production) is not null, "a production version", TimeSpan.FromSeconds(120));
    }

    private static async Task<(HttpStatusCode Status, string Body)> PredictAsync(HttpClient http, string requestId, Dictionary<string, double> row)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/models/{Model}/predict") { Content = JsonContent.Create(new[] { row }) };
        request.Headers.Add("x-request-id", requestId);
        using HttpResponseMessage response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            using JsonDocument answer = JsonDocument.Parse(body);
            Assert.Equal(requestId, answer.RootElement.GetProperty("requestId").GetString());
        }

        return (response.StatusCode, body);
    }

    private static Dictionary<string, double> Features(string[] header, string[] row) =>
        header.Zip(row).Where(p => p.First != "diagnosis").ToDictionary(p => p.First, p => double.Parse(p.Second, CultureInfo.InvariantCulture));
}
