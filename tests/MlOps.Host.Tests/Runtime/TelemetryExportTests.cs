using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Alerts;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// The README's export rules on a real local host: nothing without settings; OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is
/// set and Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set, each receiving a run's trace and the
/// prediction metrics (both received by a loopback collector in the protocols' own shapes).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryExportTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public TelemetryExportTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Host_NoExporterConfigured_RegistersNoTelemetryProvider()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString);

        Assert.Null(runtime.Services.GetService<TracerProvider>());
        Assert.Null(runtime.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Host_OtlpAndAzureMonitorConfigured_BothReceiveTheRunTraceAndPredictionMetrics()
    {
        using var collector = new LoopbackCollector();
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "60000", // an export that took over the default 10 s on a loaded machine would be dropped, not retried
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={collector.Endpoint}",
        });
        Assert.NotNull(runtime.Services.GetService<TracerProvider>());
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "positiveClass": "malignant", "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 20 } } ] } }
            """));
        await datasets.GetBlobClient($"{Model}/data.csv").UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(TestData.BreastCancerCsv)));
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        await Eventually.UntilAsync(async () => await registry.GetAliasAsync(Model, ModelRegistry.Production) is not null, "v1 in production");
        RunRecord run = (await runtime.Services.GetRequiredService<RunStore>().ListAsync(Model)).Single();

        // The host runs in this process: a span left current by the test's own storage calls would travel as the
        // request's unsampled parent, which a real client in another process never sends.
        Activity.Current = null;
        using var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl) };
        http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, "test-key");
        (string[] header, string[][] rows) = await BreastCancerTraffic.ReadAsync();
        string body = "[{" + string.Join(",", header.Where(h => h != "diagnosis").Select(h => $"\"{h}\":{rows[0][Array.IndexOf(header, h)]}")) + "}]";
        (await http.PostAsync($"/api/models/{Model}/predict", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        // The host's own serving figures: the one request, answered by v1, no service error.
        using JsonDocument health = JsonDocument.Parse(await http.GetStringAsync($"/api/models/{Model}/serving-health"));
        JsonElement report = Assert.Single(health.RootElement.EnumerateArray().ToArray());
        Assert.Equal("host", report.GetProperty("source").GetString());
        JsonElement v1 = Assert.Single(report.GetProperty("versions").EnumerateArray().ToArray());
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal(1, v1.GetProperty("requests").GetInt64());
        Assert.Equal(0, v1.GetProperty("errorRate").GetDouble());
        Assert.True(v1.GetProperty("p95Ms").GetDouble() > 0);

        // The run's trace id, as the API returns it, is the trace both exporters sent; the spans and metrics by name.
        using JsonDocument returned = JsonDocument.Parse(await http.GetStringAsync($"/api/runs/{run.RunId}"));
        Assert.Matches("^[0-9a-f]{32}$", run.TraceId);
        Assert.Equal(run.TraceId, returned.RootElement.GetProperty("run").GetProperty("traceId").GetString());
        await Eventually.UntilAsync(() => Task.FromResult(collector.Received("/v1/traces", "IngestActivity")), "the run's activity spans over OTLP");
        await Eventually.UntilAsync(() => Task.FromResult(collector.Received("/v1/traces", "{model}/predict")), "the predict request's span over OTLP");
        await Eventually.UntilAsync(() => Task.FromResult(collector.Received("/v1/metrics", MlOpsMetrics.PredictionsName)), "the predictions metric over OTLP");
        Assert.True(collector.Received("/v1/traces", "run " + Model));
        Assert.False(collector.Received("/v1/traces", "TaskHubSidecarService"), "the durable sidecar's own gRPC calls are not request spans");
        await Eventually.UntilAsync(() => Task.FromResult(
            collector.Received("/v2.1/track", "IngestActivity") && collector.Received("/v2.1/track", run.TraceId!)),
            "Azure Monitor track calls with the run's spans",
            TimeSpan.FromMinutes(5)); // a transmission that timed out under load is retried from the exporter's offline store, not at once
    }
}
