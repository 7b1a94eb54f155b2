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
    // dotnet-counters showed it still compiling (0.5-0.7 s of JIT per second) 15-20 s into the load; on a machine shared
    // with other builds it took over a minute, and a host measured at 30 s ran its first-tier code at a tenth of its
    // speed. The warm-up therefore runs until throughput settles (see WarmUpAsync), at least this long.
    internal const int WarmUpSeconds = 30;
    private const int WarmUpStepSeconds = 10;
    private const int MaxWarmUpSeconds = 150;
    internal const int MeasuredSeconds = 15;

    /// <summary>The route every HTTP run posts to: the host's predict route for the "bc" model, and the peers' copies of it.</summary>
    internal const string PredictPath = "/api/models/bc/predict";

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
                new($"requests/s vs a minimal Kestrel endpoint (same bodies read, fixed {http.AnswerBytes}-byte answer, same wrk settings)", F(rps, "F0"), F(http.Limit.Rps, "F0"), F(rps / http.Limit.Rps), ">= 0.6", rps / http.Limit.Rps >= 0.6),
                new("latency p99 (ms) vs the minimal Kestrel endpoint", F(p99), F(http.Limit.P99), F(p99 / http.Limit.P99) + "x"),
                new("requests/s vs Python serving stack (FastAPI + uvicorn + scikit-learn, one worker, nothing logged)", F(rps, "F0"), F(http.Python.Rps, "F0"), F(rps / http.Python.Rps, "F1") + "x"),
                new("latency p99 (ms) vs the Python serving stack", F(p99), F(http.Python.P99), F(http.Python.P99 / p99, "F1") + "x lower"),
                new("CPU during the run (cores of 2): host process / Azurite / wrk / other processes", $"{F(http.Cores.Host)} / {F(http.Cores.Azurite)} / {F(http.Cores.Wrk)} / {F(http.Cores.Others)}"),
                new("prediction log stored per request (bytes, gzip JSON lines)", F(http.LogBytesPerRequest, "F0")),
                new("requests/s with Serving:PredictionLogSampleRate 0.1", F(http.Sampled.Rps, "F0")),
                new("latency p99 (ms) with Serving:PredictionLogSampleRate 0.1", F(http.Sampled.P99)),
                new($"batch scoring rows/s ({ScoreRows:N0} rows, in process)", F(ours, "F0"), F(peer, "F0"), F(ours / peer) + "x", ">= 1x scikit-learn", ours >= peer),
            ],
            $"""
            HTTP: the local host (Kestrel, loopback) with its default settings (every request written to the prediction log, workstation
            concurrent GC as the host project sets) serving the breast cancer model (LightGbm) trained by the pipeline; wrk 4.1 with 2
            threads and 64 connections, 1-row JSON bodies (the dataset's 569 rows in random order), {MeasuredSeconds} s measured after a warm-up under the same load
            of at least {WarmUpSeconds} s that goes on in {WarmUpStepSeconds} s steps until a step's throughput is within 10% of the previous one's (the
            JIT's background tier-up is still busy for 15-20 s into full load on 2 cores, over a minute on a shared machine; the measured window is the steady state). wrk
            runs on the same 2 cores as the server, Azurite (which stores the log) and the host's background work, so the client takes part
            of the CPU and its own scheduling delays count in the latencies; "other processes" is the rest of the machine's busy time,
            which should be near 0 for a fair figure. The log is compressed as it is written (gzip, fastest level: 3.6 us per line) and
            appended in 2 MiB blocks as they fill, a steady trickle rather than a burst each second; Azurite runs at nice 10 (the local
            host's default), so its work fills the gaps between requests. What that bought, measured while tuning: uncompressed lines
            cost Azurite 0.65 cores at 32k requests/s (it checksums every appended byte in JavaScript; p99 21 ms); compressed, with Azurite at normal
            priority, p99 9.0-11.0 ms in three runs; at nice 10, 7.3-8.6 ms in three. About 0.1 of Azurite's share is the durable backend's
            polling, there with logging off too. The sampled rows are a second host with 10% of requests logged (in the same process: code already compiled, 5 s warm-up).
            The HTTP stack's limit: `MinimalKestrelEndpoint`, Kestrel in the same process with the same slim builder and GC settings, started after the
            default host was stopped, answering the same path by reading each body whole (as predict does) and writing a fixed JSON answer of the
            size predict's answer had ({http.AnswerBytes} bytes), measured with the same wrk script after a 5 s warm-up; the ratio is predict's
            requests/s over it. Python stack: `bench/peers/serving_fastapi.py` (Debian's python3-fastapi, python3-uvicorn, python3-sklearn;
            HistGradientBoostingClassifier on the same dataset, one uvicorn worker, access log off, no prediction log), same wrk script after a 5 s warm-up.
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
        int answerBytes;
        string script = WriteScript(context);
        await using (LocalRuntime runtime = await StartAsync(sampleRate: null, cancellationToken))
        {
            await TrainSmallModelAsync(runtime, context, cancellationToken);
            answerBytes = await AnswerBytesAsync(runtime.ApiBaseUrl, cancellationToken);
            context.Progress($"wrk warm-up (at least {WarmUpSeconds} s, until throughput settles)");
            long warmUpRequests = await WarmUpAsync(runtime.ApiBaseUrl, script, cancellationToken);
            context.Progress($"wrk: 64 connections, {MeasuredSeconds} s, default settings");
            CpuSnapshot before = ProcessCpu.Now();
            headline = await WrkAsync(runtime.ApiBaseUrl, script, MeasuredSeconds, cancellationToken);
            cores = ProcessCpu.Now().CoresSince(before, MeasuredSeconds);
            logBytesPerRequest = await StoredLogBytesAsync(runtime, cancellationToken) / (double)(warmUpRequests + headline.Requests);
        }

        WrkResult limit;
        await using (MinimalKestrelEndpoint minimal = await MinimalKestrelEndpoint.StartAsync(PredictPath, answerBytes, cancellationToken))
        {
            await WrkAsync(minimal.BaseUrl, script, 5, cancellationToken);
            context.Progress($"wrk: 64 connections, {MeasuredSeconds} s, minimal Kestrel endpoint ({answerBytes}-byte answer)");
            limit = await WrkAsync(minimal.BaseUrl, script, MeasuredSeconds, cancellationToken);
        }

        WrkResult sampled;
        await using (LocalRuntime runtime = await StartAsync(sampleRate: "0.1", cancellationToken))
        {
            await TrainSmallModelAsync(runtime, context, cancellationToken);
            // The process's code is already compiled by the first host; a short warm-up loads this host's model and engines.
            await WrkAsync(runtime.ApiBaseUrl, script, 5, cancellationToken);
            context.Progress($"wrk: 64 connections, {MeasuredSeconds} s, log sample rate 0.1");
            sampled = await WrkAsync(runtime.ApiBaseUrl, script, MeasuredSeconds, cancellationToken);
        }

        WrkResult python = await PythonStackAsync(context, script, cancellationToken);
        return new ServingHttpFigures(headline, cores, logBytesPerRequest, sampled, limit, answerBytes, python);
    }

    /// <summary>The size of predict's answer to the script's first body, which the minimal endpoint's fixed answer copies.</summary>
    internal static async Task<int> AnswerBytesAsync(string baseUrl, CancellationToken cancellationToken)
    {
        DemoDataset demo = DemoDataset.Load(holdBackEvery: 1);
        using var client = new HttpClient();
        using var content = new StringContent(Bodies(demo).First(), System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync(new Uri(baseUrl + PredictPath), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
    }

    /// <summary>
    /// FastAPI + uvicorn + scikit-learn (Debian's packages) serving the same dataset's model on one worker, measured with
    /// the same wrk settings after a short warm-up; the process is stopped by its id.
    /// </summary>
    private static async Task<WrkResult> PythonStackAsync(BenchmarkContext context, string script, CancellationToken cancellationToken)
    {
        context.Progress("Python serving stack (FastAPI + uvicorn + scikit-learn): training and starting");
        // Trained on what the pipeline trains ours on; the requests are every row, as for ours.
        DemoDataset demo = DemoDataset.Load(holdBackEvery: 1);
        string train = Path.Combine(context.WorkDirectory, "serving-bc.csv");
        await File.WriteAllTextAsync(train, DemoDataset.Load().Training, cancellationToken);
        int port = FreeLoopbackPort();
        using Process server = context.StartPeer("serving_fastapi.py", [train, DemoDataset.Label, "malignant", port.ToString(CultureInfo.InvariantCulture)]);
        Task<string> errors = server.StandardError.ReadToEndAsync(cancellationToken);
        _ = server.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            string baseUrl = $"http://127.0.0.1:{port}";
            using var client = new HttpClient();
            for (var waited = Stopwatch.StartNew(); ; await Task.Delay(250, cancellationToken))
            {
                if (server.HasExited)
                {
                    throw new InvalidOperationException($"serving_fastapi.py exited ({server.ExitCode}); install python3-fastapi python3-uvicorn python3-sklearn (bench/README.md): {await errors}");
                }

                try
                {
                    using var content = new StringContent(Bodies(demo).First(), System.Text.Encoding.UTF8, "application/json");
                    using HttpResponseMessage response = await client.PostAsync(new Uri(baseUrl + PredictPath), content, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    break;
                }
                catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(120))
                {
                }
            }

            await WrkAsync(baseUrl, script, 5, cancellationToken);
            context.Progress($"wrk: 64 connections, {MeasuredSeconds} s, FastAPI + uvicorn");
            return await WrkAsync(baseUrl, script, MeasuredSeconds, cancellationToken);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Loads the server in steps of <see cref="WarmUpStepSeconds"/> until, after at least <see cref="WarmUpSeconds"/>, a
    /// step's throughput is within 10% of the one before (the JIT has tiered the hot path up), or <see cref="MaxWarmUpSeconds"/>.
    /// </summary>
    /// <returns>The requests answered while warming up.</returns>
    internal static async Task<long> WarmUpAsync(string baseUrl, string script, CancellationToken cancellationToken)
    {
        long requests = 0;
        double previous = 0;
        for (int elapsed = 0; elapsed < MaxWarmUpSeconds; elapsed += WarmUpStepSeconds)
        {
            WrkResult step = await WrkAsync(baseUrl, script, WarmUpStepSeconds, cancellationToken);
            requests += step.Requests;
            if (elapsed + WarmUpStepSeconds >= WarmUpSeconds && Math.Abs(step.Rps - previous) <= 0.1 * step.Rps)
            {
                break;
            }

            previous = step.Rps;
        }

        return requests;
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
    /// <param name="logging">A provider to add (a counter of the worker's log lines); by default the host logs nothing.</param>
    internal static Task<LocalRuntime> StartAsync(
        string? sampleRate, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? extra = null, Action<ILoggingBuilder>? logging = null)
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

        return LocalRuntime.StartAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), builder =>
        {
            builder.SetMinimumLevel(LogLevel.Error);
            logging?.Invoke(builder);
        }, cancellationToken);
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
        IEnumerable<string> bodies = Bodies(DemoDataset.Load(holdBackEvery: 1));
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

    /// <summary>One single-row request body per row of the dataset, label left out.</summary>
    internal static IEnumerable<string> Bodies(DemoDataset demo)
    {
        int label = demo.Columns.ToList().IndexOf(DemoDataset.Label);
        return demo.HeldBack.Select(values => JsonSerializer.Serialize(new[]
        {
            demo.Columns.Select((c, i) => (c, i)).Where(c => c.i != label).ToDictionary(c => c.c, c => double.Parse(values[c.i], CultureInfo.InvariantCulture)),
        }));
    }

    /// <param name="query">Appended to the predict address (such as <c>?explain=true</c>).</param>
    internal static async Task<WrkResult> WrkAsync(string baseUrl, string script, int seconds, CancellationToken cancellationToken, string query = "")
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-t2", "-c64", $"-d{seconds}s", "--latency", "-s", script, baseUrl + PredictPath + query })
        {
            start.ArgumentList.Add(argument);
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"wrk is not installed ({ex.Message}): apt-get install -y wrk.", ex);
        }

        using Process wrk = started ?? throw new InvalidOperationException("wrk did not start.");
        string output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        double rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        long errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        errors += SocketErrors().Matches(output).Sum(e => long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture));
        long requests = long.Parse(RequestsCompleted().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var result = new WrkResult(rps, Percentile(output, "50%"), Percentile(output, "99%"), errors, requests);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {seconds} s: {rps:F0} requests/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, {errors} errors"));
        return result;
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
