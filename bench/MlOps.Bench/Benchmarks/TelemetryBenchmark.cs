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
/// (the default) and on hosts exporting to a loopback collector (OTLP alone; OTLP and Azure Monitor with Live Metrics on,
/// as the exporter defaults; both with the product's defaults; both with a tenth of request traces kept), in rounds
/// that rotate which goes first; and the bytes each exporter sends per 1,000 predictions (what Log Analytics ingests,
/// before its own compression).
/// </summary>
internal sealed class TelemetryBenchmark : IBenchmark
{
    private const int Rounds = 3;
    private const int WarmUpSeconds = 20;
    private const int MeasuredSeconds = 10;
    private const int CountedPredictions = 1000;

    private static readonly Setup[] Setups =
    [
        new("no exporter configured", Otlp: false, AzureMonitor: false, LiveMetrics: false, Ratio: 1),
        new("OTLP, every request traced", Otlp: true, AzureMonitor: false, LiveMetrics: false, Ratio: 1),
        new("OTLP + Azure Monitor with Live Metrics, every request traced (the exporter's defaults)", Otlp: true, AzureMonitor: true, LiveMetrics: true, Ratio: 1),
        new("OTLP + Azure Monitor, every request traced (the product's defaults)", Otlp: true, AzureMonitor: true, LiveMetrics: false, Ratio: 1),
        new("OTLP + Azure Monitor, RequestSamplingRatio 0.1", Otlp: true, AzureMonitor: true, LiveMetrics: false, Ratio: 0.1),
    ];

    public string Name => "telemetry";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        string script = ServingBenchmark.WriteScript(context);
        var results = Setups.ToDictionary(s => s, _ => new List<WrkResult>());
        var bytes = new Dictionary<Setup, (double AzureMonitor, double Otlp)>();
        for (int round = 0; round < Rounds; round++)
        {
            // Rotating which goes first spreads the machine's drift (others' builds) over every setup.
            foreach (Setup setup in Setups.Skip(round % Setups.Length).Concat(Setups.Take(round % Setups.Length)))
            {
                using var collector = new LoopbackCollector();
                await using LocalRuntime runtime = await ServingBenchmark.StartAsync(null, cancellationToken, setup.Settings(collector));
                await ServingBenchmark.TrainSmallModelAsync(runtime, context, cancellationToken);
                context.Progress($"round {round + 1}: {setup.Name}, warm-up {WarmUpSeconds} s");
                await ServingBenchmark.WrkAsync(runtime.ApiBaseUrl, script, WarmUpSeconds, cancellationToken);
                WrkResult result = await ServingBenchmark.WrkAsync(runtime.ApiBaseUrl, script, MeasuredSeconds, cancellationToken);
                context.Progress($"  {result.Rps:F0} requests/s, p99 {result.P99:F2} ms");
                results[setup].Add(result);
                if ((setup.Otlp || setup.AzureMonitor) && !bytes.ContainsKey(setup))
                {
                    bytes[setup] = await BytesPerThousandAsync(runtime, collector, cancellationToken);
                    context.Progress($"  per 1,000 predictions: Azure Monitor {bytes[setup].AzureMonitor:F0} bytes, OTLP {bytes[setup].Otlp:F0} bytes");
                }
            }
        }

        double noneRps = Median(results[Setups[0]].Select(r => r.Rps));
        var figures = new List<BenchmarkFigure> { new($"single-row requests/s, {Setups[0].Name} (median of {Rounds})", F(noneRps, "F0")) };
        foreach (Setup setup in Setups.Skip(1))
        {
            double rps = Median(results[setup].Select(r => r.Rps));
            figures.Add(new($"single-row requests/s, {setup.Name}", F(rps, "F0"), Ratio: F(rps / noneRps, "F3")));
        }

        figures.Add(new("latency p99 (ms), per setup in the order above (medians)", string.Join(" / ", Setups.Select(s => F(Median(results[s].Select(r => r.P99)), "F2")))));
        foreach ((Setup setup, (double azureMonitor, double otlp)) in bytes)
        {
            figures.Add(new($"bytes sent per 1,000 predictions, {setup.Name}: Azure Monitor (JSON) / OTLP (protobuf)", $"{F(azureMonitor, "F0")} / {F(otlp, "F0")}"));
        }

        return new BenchmarkReport(
            "Telemetry: serving with and without exporters, and ingestion per 1,000 predictions",
            figures,
            $"""
            The serving benchmark's host, load and 1-row bodies (wrk, 2 threads, 64 connections, {MeasuredSeconds} s measured after
            {WarmUpSeconds} s of warm-up), in {Rounds} rounds rotating which setup goes first; the ratio is each setup's median requests/s
            over the no-exporter median of the same run. Exporting setups send traces (the request's span and its predict span),
            metrics and logs to a loopback collector in the same process. Runs (requests/s): {string.Join("; ", Setups.Select(s => $"{s.Name}: {string.Join(", ", results[s].Select(r => F(r.Rps, "F0")))}"))}.
            Bytes per 1,000 predictions: {CountedPredictions} sequential requests after the load, providers flushed before and after,
            the difference of what the collector received (request traces plus the metric points and logs due in that time);
            ingestion in Log Analytics is billed per GB of these records. The machine's two cores were shared with other
            engineers' builds and tests.
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

    private sealed record Setup(string Name, bool Otlp, bool AzureMonitor, bool LiveMetrics, double Ratio)
    {
        public Dictionary<string, string?> Settings(LoopbackCollector collector)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Telemetry:RequestSamplingRatio"] = Ratio.ToString(CultureInfo.InvariantCulture),
                ["Telemetry:LiveMetrics"] = LiveMetrics ? "true" : "false",
            };
            if (Otlp)
            {
                settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/');
                settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            }

            if (AzureMonitor)
            {
                settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=00000000-0000-0000-0000-000000000003;IngestionEndpoint={collector.Endpoint}";
            }

            return settings;
        }
    }
}
