using System.Globalization;
using MlOps.Host.Runtime;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// Predict against the HTTP stack's own limit, alternating: the default host (every request logged) and a minimal
/// Kestrel endpoint in the same process, both up at once, take turns under the same wrk load, so a shared machine's
/// load falls on both alike. Prints each turn with the GC work it caused.
/// </summary>
internal sealed class ServingLimitBenchmark : IBenchmark
{
    private const int Rounds = 3;
    private const int TurnSeconds = 10;

    public string Name => "serving-limit";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        string script = ServingBenchmark.WriteScript(context);
        await using LocalRuntime runtime = await ServingBenchmark.StartAsync(sampleRate: null, cancellationToken);
        await ServingBenchmark.TrainSmallModelAsync(runtime, context, cancellationToken);
        int answerBytes = await ServingBenchmark.AnswerBytesAsync(runtime.ApiBaseUrl, cancellationToken);
        await using MinimalKestrelEndpoint minimal = await MinimalKestrelEndpoint.StartAsync(ServingBenchmark.PredictPath, answerBytes, cancellationToken);
        context.Progress("warm-up: predict and the minimal endpoint, each until its throughput settles");
        await ServingBenchmark.WarmUpAsync(runtime.ApiBaseUrl, script, cancellationToken);
        await ServingBenchmark.WarmUpAsync(minimal.BaseUrl, script, cancellationToken);

        var predict = new List<WrkResult>();
        var limit = new List<WrkResult>();
        var predictGc = new List<string>();
        var limitGc = new List<string>();
        var predictCpu = new List<TurnCpu>();
        var limitCpu = new List<TurnCpu>();
        for (int round = 0; round < Rounds; round++)
        {
            predict.Add(await TurnAsync(runtime.ApiBaseUrl, predictGc, predictCpu));
            limit.Add(await TurnAsync(minimal.BaseUrl, limitGc, limitCpu));
            context.Progress(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: predict {predict[^1].Rps:F0}/s ({predictGc[^1]}; {predictCpu[^1]}), minimal {limit[^1].Rps:F0}/s ({limitGc[^1]}; {limitCpu[^1]}), ratio {predict[^1].Rps / limit[^1].Rps:F2}, CPU per request ratio {limitCpu[^1].Total / predictCpu[^1].Total:F2}"));
        }

        double ours = predict.Sum(r => r.Rps) / Rounds;
        double peer = limit.Sum(r => r.Rps) / Rounds;
        double p99 = predict.Max(r => r.P99);
        TurnCpu predictMean = TurnCpu.Mean(predictCpu);
        TurnCpu limitMean = TurnCpu.Mean(limitCpu);
        string loadAverage = MachineLoad.OneMinute();
        return new BenchmarkReport(
            "Serving near the HTTP stack's limit: predict vs a minimal Kestrel endpoint, alternating",
            [
                new($"single-row requests/s, every request logged vs minimal endpoint (mean of {Rounds} turns of {TurnSeconds} s each)", F(ours, "F0"), F(peer, "F0"), F(ours / peer), ">= 0.6", ours / peer >= 0.6),
                new("latency p99 (ms), worst turn", F(p99), F(limit.Max(r => r.P99)), "", "< 10 ms", p99 < 10),
                new("non-2xx responses or socket errors", predict.Sum(r => r.Errors).ToString(CultureInfo.InvariantCulture), limit.Sum(r => r.Errors).ToString(CultureInfo.InvariantCulture), "", "0", predict.Sum(r => r.Errors) == 0),
                new("per turn: requests/s", string.Join(", ", predict.Select(r => F(r.Rps, "F0"))), string.Join(", ", limit.Select(r => F(r.Rps, "F0")))),
                new("per turn: GCs gen0/gen1/gen2, pause ms", string.Join("; ", predictGc), string.Join("; ", limitGc)),
                new("CPU per request (us, mean of the turns): this process / Azurite / wrk", predictMean.ToString(), limitMean.ToString()),
                new("CPU per request, all three: what a quiet machine's requests/s ratio would be (minimal's ÷ predict's)", F(predictMean.Total, "F1"), F(limitMean.Total, "F1"), F(limitMean.Total / predictMean.Total)),
            ],
            string.Create(CultureInfo.InvariantCulture, $"""
                The default local host (every request written to the prediction log in Azurite) serving the breast cancer model, and
                `MinimalKestrelEndpoint` in the same process (read the body whole, write a fixed {answerBytes}-byte JSON answer, the size of
                predict's), both up for the whole run; wrk 2 threads, 64 connections, the same script of the dataset's 569 single-row bodies.
                After a warm-up of each (at least {ServingBenchmark.WarmUpSeconds} s, then until throughput settles: the JIT's tier-up), {Rounds} rounds of a {TurnSeconds} s turn each.
                The machine was shared with other work (1-minute load average {loadAverage} at the end): only the ratio within this run means anything.
                CPU per request is each turn's CPU time (from /proc: this process with both servers, its Azurite child, the finished wrk) over the
                requests wrk counted. It does not depend on how much of the machine other work took, so its ratio is what the requests/s
                ratio would be if the three had the cores to themselves (both servers saturate the cores under wrk).
                """));

        async Task<WrkResult> TurnAsync(string baseUrl, List<string> gc, List<TurnCpu> cpu)
        {
            (int g0, int g1, int g2, TimeSpan pause) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            CpuSnapshot before = ProcessCpu.Now();
            WrkResult result = await ServingBenchmark.WrkAsync(baseUrl, script, TurnSeconds, cancellationToken);
            cpu.Add(TurnCpu.PerRequest(before, ProcessCpu.Now(), result.Requests));
            gc.Add(string.Create(CultureInfo.InvariantCulture,
                $"{GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0}"));
            return result;
        }
    }

    private static string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}
