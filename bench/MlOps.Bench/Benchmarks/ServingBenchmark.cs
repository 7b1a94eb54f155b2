using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Host.Demo;
using MlOps.Host.Runtime;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// Serving: single-row predictions over HTTP on the local host under 64 concurrent connections (wrk), and
/// in-process batch scoring throughput against scikit-learn's predict_proba on the same kind of model and data.
/// </summary>
internal sealed partial class ServingBenchmark : IBenchmark
{
    private const int TrainRows = 100_000;
    private const int ScoreRows = 500_000;

    // The host is JIT-compiled: under full load on 2 cores the background tier-up compiler gets little CPU, and
    // dotnet-counters showed it still compiling (0.5-0.7 s of JIT per second) 15-20 s into the load. Measuring after
    // 30 s of load measures the steady state a long-running server spends its life in, not its first seconds.
    internal const int WarmUpSeconds = 30;
    internal const int MeasuredSeconds = 15;

    public string Name => "serving";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ServingHttpFigures http = await HttpAsync(context, cancellationToken);
        (double rps, double p50, double p99, long errors) = (http.Headline.Rps, http.Headline.P50, http.Headline.P99, http.Headline.Errors);
        (double ours, double peer, string sklearn) = await BatchAsync(context, cancellationToken);
        return new BenchmarkReport(
            "Serving: single-row predict over HTTP (64 connections), batch scoring vs scikit-learn",
            [
                new($"single-row requests/s (64 connections, wrk, {MeasuredSeconds} s, default settings: every request logged)", F(rps, "F0"), Target: ">= 10,000", MeetsTarget: rps >= 10_000),
                new("latency p50 (ms)", F(p50)),
                new("latency p99 (ms)", F(p99), Target: "< 10 ms", MeetsTarget: p99 < 10),
                new("non-2xx responses or socket errors", errors.ToString(CultureInfo.InvariantCulture), Target: "0", MeetsTarget: errors == 0),
                new("CPU during the run (cores of 2): host process / Azurite / wrk / other processes", $"{F(http.Cores.Host)} / {F(http.Cores.Azurite)} / {F(http.Cores.Wrk)} / {F(http.Cores.Others)}"),
                new("prediction log stored per request (bytes, gzip JSON lines)", F(http.LogBytesPerRequest, "F0")),
                new("requests/s with Serving:PredictionLogSampleRate 0.1", F(http.Sampled.Rps, "F0")),
                new("latency p99 (ms) with Serving:PredictionLogSampleRate 0.1", F(http.Sampled.P99)),
                new($"batch scoring rows/s ({ScoreRows:N0} rows, in process)", F(ours, "F0"), F(peer, "F0"), F(ours / peer) + "x", ">= 1x scikit-learn", ours >= peer),
            ],
            $"""
            HTTP: the local host (Kestrel, loopback) with its default settings (every request written to the prediction log, workstation
            concurrent GC as the host project sets) serving the breast cancer model (LightGbm) trained by the pipeline; wrk 4.1 with 2
            threads and 64 connections, 1-row JSON bodies (the dataset's 569 rows in random order), {MeasuredSeconds} s measured after a {WarmUpSeconds} s warm-up under the same load (the
            JIT's background tier-up is still busy for 15-20 s into full load on 2 cores; the measured window is the steady state). wrk
            runs on the same 2 cores as the server, Azurite (which stores the log) and the host's background work, so the client takes part
            of the CPU and its own scheduling delays count in the latencies; "other processes" is the rest of the machine's busy time,
            which should be near 0 for a fair figure. The log is compressed as it is written (gzip, fastest level: 3.6 us per line) and
            appended in 2 MiB blocks as they fill, a steady trickle rather than a burst each second; Azurite runs at nice 10 (the local
            host's default), so its work fills the gaps between requests. What that bought, measured while tuning: uncompressed lines
            cost Azurite 0.65 cores at 32k requests/s (it checksums every appended byte in JavaScript; p99 21 ms); compressed, with Azurite at normal
            priority, p99 9.0-11.0 ms in three runs; at nice 10, 7.3-8.6 ms in three. About 0.1 of Azurite's share is the durable backend's
            polling, there with logging off too. The sampled rows are a second host with 10% of requests logged (in the same process: code already compiled, 5 s warm-up).
            Batch: LightGbm (100 iterations, 31 leaves) and scikit-learn {sklearn} HistGradientBoostingClassifier (100 iterations, native
            categoricals) trained on the same {TrainRows:N0} synthetic rows (20 numeric, 2 categorical), each scoring the same {ScoreRows:N0}
            rows already in memory (ours: `LoadedModel.PredictBatch` over an in-memory data view, featurization included, scored in
            parallel chunks on both cores; theirs: `predict_proba` on a numpy array, OpenMP on both cores), best of 3.
            {(p99 < 10 ? string.Empty : P99Explanation(http.Sampled.P99))}
            """);
    }

    private static async Task<ServingHttpFigures> HttpAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        WrkResult headline;
        (double Host, double Azurite, double Wrk, double Others) cores;
        double logBytesPerRequest;
        await using (LocalRuntime runtime = await StartAsync(sampleRate: null, cancellationToken))
        {
            await TrainSmallModelAsync(runtime, context, cancellationToken);
            string script = WriteScript(context);
            context.Progress($"wrk warm-up ({WarmUpSeconds} s)");
            WrkResult warmUp = await WrkAsync(runtime.ApiBaseUrl, script, WarmUpSeconds, cancellationToken);
            context.Progress($"wrk: 64 connections, {MeasuredSeconds} s, default settings");
            CpuSnapshot before = ProcessCpu.Now();
            headline = await WrkAsync(runtime.ApiBaseUrl, script, MeasuredSeconds, cancellationToken);
            cores = ProcessCpu.Now().CoresSince(before, MeasuredSeconds);
            logBytesPerRequest = await StoredLogBytesAsync(runtime, cancellationToken) / (double)(warmUp.Requests + headline.Requests);
        }

        WrkResult sampled;
        await using (LocalRuntime runtime = await StartAsync(sampleRate: "0.1", cancellationToken))
        {
            await TrainSmallModelAsync(runtime, context, cancellationToken);
            string script = WriteScript(context);
            // The process's code is already compiled by the first host; a short warm-up loads this host's model and engines.
            await WrkAsync(runtime.ApiBaseUrl, script, 5, cancellationToken);
            context.Progress($"wrk: 64 connections, {MeasuredSeconds} s, log sample rate 0.1");
            sampled = await WrkAsync(runtime.ApiBaseUrl, script, MeasuredSeconds, cancellationToken);
        }

        return new ServingHttpFigures(headline, cores, logBytesPerRequest, sampled);
    }

    private static async Task<long> StoredLogBytesAsync(LocalRuntime runtime, CancellationToken cancellationToken)
    {
        await runtime.Services.GetRequiredService<PredictionLog>().FlushAsync(cancellationToken);
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        long bytes = 0;
        await foreach (BlobItem blob in storage.Container(storage.Layout.Predictions).GetBlobsAsync(new GetBlobsOptions { Prefix = "bc/" }, cancellationToken))
        {
            bytes += blob.Properties.ContentLength ?? 0;
        }

        return bytes;
    }

    /// <param name="sampleRate">Serving:PredictionLogSampleRate, or null for the product default.</param>
    /// <param name="extra">Further settings (a shared Azurite's connection string, cost accounting off, exporters).</param>
    internal static Task<LocalRuntime> StartAsync(string? sampleRate, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Azurite:BlobPort"] = "0",
            ["Azurite:InMemory"] = "true",
            ["Host:ApiUrl"] = "http://127.0.0.1:0",
            ["Host:DiscoveryFile"] = string.Empty, // a benchmark's host is not the CLI's default
            ["Host:TaskHub"] = "benchserving",
        };
        if (sampleRate is not null)
        {
            settings["Serving:PredictionLogSampleRate"] = sampleRate;
        }

        foreach ((string key, string? value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return LocalRuntime.StartAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), logging => logging.SetMinimumLevel(LogLevel.Error), cancellationToken);
    }

    internal static async Task TrainSmallModelAsync(LocalRuntime runtime, BenchmarkContext context, CancellationToken cancellationToken)
    {
        context.Progress("training the breast cancer model through the pipeline");
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync(cancellationToken);
        var datasets = storage.Container(storage.Layout.Datasets);
        DemoDataset demo = DemoDataset.Load();
        await datasets.GetBlobClient("bc/pipeline.json").UploadAsync(BinaryData.FromString(
            """{ "label": "diagnosis", "positiveClass": "malignant", "training": { "trainers": [ { "name": "LightGbm" } ] } }"""), cancellationToken);
        await datasets.GetBlobClient("bc/data.csv").UploadAsync(BinaryData.FromString(demo.Training), cancellationToken);
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        while (await registry.GetAliasAsync("bc", ModelRegistry.Production, cancellationToken) is null)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>
    /// A wrk script posting each of the dataset's 569 rows in random order (requests formatted once, in init): varied
    /// bodies keep the answers and the log's compression honest, where one repeated body would compress to nothing.
    /// </summary>
    internal static string WriteScript(BenchmarkContext context)
    {
        DemoDataset demo = DemoDataset.Load(holdBackEvery: 1);
        int label = demo.Columns.ToList().IndexOf(DemoDataset.Label);
        IEnumerable<string> bodies = demo.HeldBack.Select(values => JsonSerializer.Serialize(new[]
        {
            demo.Columns.Select((c, i) => (c, i)).Where(c => c.i != label).ToDictionary(c => c.c, c => double.Parse(values[c.i], CultureInfo.InvariantCulture)),
        }));
        string path = Path.Combine(context.WorkDirectory, "predict.lua");
        File.WriteAllText(path, $$"""
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            local bodies = { {{string.Join(",\n", bodies.Select(b => "'" + b + "'"))}} }
            local requests = {}
            function init(args)
              for i, body in ipairs(bodies) do requests[i] = wrk.format(nil, nil, nil, body) end
            end
            function request()
              return requests[math.random(#requests)]
            end

            """);
        return path;
    }

    /// <param name="query">Appended to the predict address (such as <c>?explain=true</c>).</param>
    internal static async Task<WrkResult> WrkAsync(string baseUrl, string script, int seconds, CancellationToken cancellationToken, string query = "")
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-t2", "-c64", $"-d{seconds}s", "--latency", "-s", script, $"{baseUrl}/api/models/bc/predict{query}" })
        {
            start.ArgumentList.Add(argument);
        }

        using Process wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk is not installed (apt-get install wrk).");
        string output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        double rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        long errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        errors += SocketErrors().Matches(output).Sum(e => long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture));
        long requests = long.Parse(RequestsCompleted().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new WrkResult(rps, Percentile(output, "50%"), Percentile(output, "99%"), errors, requests);
    }

    private static double Percentile(string output, string which)
    {
        Match match = Regex.Match(output, $@"^\s*{Regex.Escape(which)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        double value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static async Task<(double Ours, double Peer, string Sklearn)> BatchAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        string all = Path.Combine(context.WorkDirectory, "serving-all.csv");
        string train = Path.Combine(context.WorkDirectory, "serving-train.csv");
        string score = Path.Combine(context.WorkDirectory, "serving-score.csv");
        if (!File.Exists(score))
        {
            context.Progress("generating the batch scoring data");
            PipelineBenchmark.WriteSyntheticBinary(all, TrainRows + ScoreRows, seed: 5);
            string[] lines = File.ReadAllLines(all);
            File.WriteAllLines(train, lines.Take(TrainRows + 1));
            File.WriteAllLines(score, lines.Take(1).Concat(lines.Skip(TrainRows + 1)));
        }

        FeatureLayout layout = PipelineBenchmark.SyntheticBinaryLayout;
        context.Progress("training LightGbm for batch scoring");
        var candidate = new CandidateSpec("LightGbm", new Dictionary<string, double> { ["numberOfIterations"] = 100, ["numberOfLeaves"] = 31, ["numberOfThreads"] = 2 });
        var ml = new MLContext(seed: 1);
        IDataView trainData = TrainingDataLoader.LoadIntoMemory(ml, layout, train);
        ITransformer model = new CandidateTrainer().Fit(ml, layout, new PipelineSpec { Label = "label" }, candidate, trainData);
        byte[] zip = CandidateTrainer.Save(ml, model, trainData.Schema);
        var loaded = new LoadedModel(new ModelVersionRecord
        {
            Model = "bench", Version = 1, RunId = "bench.0", ArtifactPath = string.Empty, Sha256 = string.Empty, Trainer = "LightGbm", Layout = layout,
        }, zip);
        IDataView scoreData = TrainingDataLoader.LoadIntoMemory(ml, layout, score);
        _ = loaded.PredictBatch(scoreData).Count(); // warm-up, and fills the cache
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var timer = Stopwatch.StartNew();
            long rows = loaded.PredictBatch(scoreData).LongCount();
            best = Math.Min(best, timer.Elapsed.TotalSeconds);
            context.Progress(string.Create(CultureInfo.InvariantCulture, $"ours: {rows:N0} rows in {timer.Elapsed.TotalSeconds:F2} s"));
        }

        context.Progress("scikit-learn predict_proba");
        using JsonDocument peer = JsonDocument.Parse(await context.RunPeerAsync("serving_sklearn.py", [train, score], cancellationToken));
        return (ScoreRows / best, peer.RootElement.GetProperty("rows_per_second").GetDouble(), peer.RootElement.GetProperty("sklearn").GetString() ?? "?");
    }

    /// <summary>Why the p99 target is missed, from what the investigation measured (issue 5), with this run's sampled figure.</summary>
    private static string P99Explanation(double sampledP99) => string.Create(CultureInfo.InvariantCulture, $"""
        Why p99 missed 10 ms in this run: wrk is a closed loop, so all 64 connections are always busy and the server runs saturated on 2
        cores it shares with wrk and Azurite; latency is then 64 / throughput plus the scheduling jitter of three busy processes, and
        any other work on the machine lands in the tail. With 10% of requests logged in the same run: p99 {sampledP99:F1} ms.
        """);

    private static string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex RequestsCompleted();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrors();
}
