using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Host.Demo;
using MlOps.Host.Runtime;
using MlOps.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// What telemetry costs the request path: the serving benchmark's wrk load on a host with no exporter configured
/// (the default) and on one exporting OTLP and Azure Monitor to a loopback collector, in alternating rounds; and the
/// bytes each exporter sends per 1,000 predictions (what Log Analytics ingests, before its own compression).
/// </summary>
internal sealed class TelemetryBenchmark : IBenchmark
{
    private const int Rounds = 3;
    private const int WarmUpSeconds = 20;
    private const int MeasuredSeconds = 10;
    private const int CountedPredictions = 1000;

    public string Name => "telemetry";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        string script = ServingBenchmark.WriteScript(context);
        var none = new List<WrkResult>();
        var exporting = new List<WrkResult>();
        (double AzureMonitor, double Otlp) bytesPer1000 = default;
        for (int round = 0; round < Rounds; round++)
        {
            // Alternating which goes first spreads the machine's drift (others' builds) over both sides.
            foreach (bool export in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                using var collector = new LoopbackCollector();
                Dictionary<string, string?> settings = export ? new()
                {
                    ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/'),
                    ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                    ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=00000000-0000-0000-0000-000000000003;IngestionEndpoint={collector.Endpoint}",
                } : [];
                await using LocalRuntime runtime = await ServingBenchmark.StartAsync(null, cancellationToken, settings);
                await ServingBenchmark.TrainSmallModelAsync(runtime, context, cancellationToken);
                context.Progress($"round {round + 1}: {(export ? "exporting" : "no exporter")}, warm-up {WarmUpSeconds} s");
                await ServingBenchmark.WrkAsync(runtime.ApiBaseUrl, script, WarmUpSeconds, cancellationToken);
                WrkResult result = await ServingBenchmark.WrkAsync(runtime.ApiBaseUrl, script, MeasuredSeconds, cancellationToken);
                context.Progress($"  {result.Rps:F0} requests/s, p99 {result.P99:F2} ms");
                (export ? exporting : none).Add(result);
                if (export && round == 0)
                {
                    bytesPer1000 = await BytesPerThousandAsync(runtime, collector, cancellationToken);
                    context.Progress($"  per 1,000 predictions: Azure Monitor {bytesPer1000.AzureMonitor:F0} bytes, OTLP {bytesPer1000.Otlp:F0} bytes");
                }
            }
        }

        double noneRps = Median(none.Select(r => r.Rps));
        double exportRps = Median(exporting.Select(r => r.Rps));
        double ratio = exportRps / noneRps;
        return new BenchmarkReport(
            "Telemetry: serving with and without exporters, and ingestion per 1,000 predictions",
            [
                new($"single-row requests/s, no exporter configured (median of {Rounds})", F(noneRps, "F0")),
                new($"single-row requests/s, OTLP and Azure Monitor exporting (median of {Rounds})", F(exportRps, "F0"), Ratio: F(ratio, "F3"), Target: ">= 0.98", MeetsTarget: ratio >= 0.98),
                new("latency p99 (ms), no exporter / exporting (medians)", $"{F(Median(none.Select(r => r.P99)), "F2")} / {F(Median(exporting.Select(r => r.P99)), "F2")}"),
                new("Azure Monitor: bytes sent per 1,000 predictions (uncompressed JSON)", F(bytesPer1000.AzureMonitor, "F0")),
                new("OTLP: bytes sent per 1,000 predictions (protobuf)", F(bytesPer1000.Otlp, "F0")),
            ],
            $"""
            The serving benchmark's host, load and 1-row bodies (wrk, 2 threads, 64 connections, {MeasuredSeconds} s measured after
            {WarmUpSeconds} s of warm-up), in {Rounds} rounds alternating which host goes first: one with no telemetry setting (nothing is
            registered: the product's instruments stay disabled) and one with OTEL_EXPORTER_OTLP_ENDPOINT and
            APPLICATIONINSIGHTS_CONNECTION_STRING set, exporting traces (every request's span, sampled in full), metrics and
            logs to a loopback collector in the same process. Runs: no exporter {string.Join(", ", none.Select(r => F(r.Rps, "F0")))};
            exporting {string.Join(", ", exporting.Select(r => F(r.Rps, "F0")))} requests/s. Bytes per 1,000 predictions: {CountedPredictions}
            sequential requests after the load, providers flushed before and after, the difference of what the collector
            received (request spans plus the metric points and logs due in that time); ingestion in Log Analytics is billed
            per GB of these records. The machine's two cores were shared with other engineers' builds and tests.
            """);
    }

    private static async Task<(double AzureMonitor, double Otlp)> BytesPerThousandAsync(LocalRuntime runtime, LoopbackCollector collector, CancellationToken cancellationToken)
    {
        Flush(runtime);
        await Task.Delay(1000, cancellationToken);
        (long azureBefore, long otlpBefore) = Received(collector);
        using var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl) };
        http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, runtime.ApiKey);
        DemoDataset demo = DemoDataset.Load(holdBackEvery: 1);
        int label = demo.Columns.ToList().IndexOf(DemoDataset.Label);
        for (int i = 0; i < CountedPredictions; i++)
        {
            string[] values = demo.HeldBack[i % demo.HeldBack.Count];
            string body = "[{" + string.Join(",", demo.Columns.Select((c, j) => (c, j)).Where(c => c.j != label).Select(c => $"\"{c.c}\":{values[c.j]}")) + "}]";
            using HttpResponseMessage response = await http.PostAsync("/api/models/bc/predict", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        Flush(runtime);
        await Task.Delay(1000, cancellationToken);
        (long azureAfter, long otlpAfter) = Received(collector);
        return ((azureAfter - azureBefore) * 1000.0 / CountedPredictions, (otlpAfter - otlpBefore) * 1000.0 / CountedPredictions);
    }

    private static void Flush(LocalRuntime runtime)
    {
        runtime.Services.GetService<TracerProvider>()?.ForceFlush();
        runtime.Services.GetService<MeterProvider>()?.ForceFlush();
    }

    private static (long AzureMonitor, long Otlp) Received(LoopbackCollector collector) =>
        (collector.BytesReceived("/v2.1/track"), collector.BytesReceived("/v1/traces") + collector.BytesReceived("/v1/metrics") + collector.BytesReceived("/v1/logs"));

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
