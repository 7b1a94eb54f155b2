using System.Globalization;
using MlOps.Host.Runtime;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// What explanations cost a request: single-row predictions over HTTP (wrk, 64 connections) on the serving benchmark's
/// host and model, with and without <c>?explain=true</c>, alternating on one host so a shared machine's load falls on both.
/// </summary>
internal sealed class ExplainBenchmark : IBenchmark
{
    private const int Repetitions = 3;
    private const int RunSeconds = 5;
    private const int WarmUpSeconds = 20;

    public string Name => "explain";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using LocalRuntime runtime = await ServingBenchmark.StartAsync(sampleRate: null, cancellationToken);
        await ServingBenchmark.TrainSmallModelAsync(runtime, context, cancellationToken);
        string script = ServingBenchmark.WriteScript(context);
        context.Progress($"wrk warm-up ({WarmUpSeconds} s each way, not timed)");
        await ServingBenchmark.WrkAsync(runtime.ApiBaseUrl, script, WarmUpSeconds, cancellationToken);
        await ServingBenchmark.WrkAsync(runtime.ApiBaseUrl, script, WarmUpSeconds, cancellationToken, "?explain=true");
        long errors = 0;
        // AlternatingRuns divides an amount by seconds: one "amount" over the seconds per request is requests per second.
        AlternatingRuns runs = await AlternatingRuns.MeasureAsync(context, 1, Repetitions, async explain =>
        {
            WrkResult result = await ServingBenchmark.WrkAsync(runtime.ApiBaseUrl, script, RunSeconds, cancellationToken, explain ? "?explain=true" : string.Empty);
            errors += result.Errors;
            return 1 / result.Rps;
        });
        (double bestWith, double bestWithout) = (runs.BestWith, runs.BestWithout);
        BenchmarkFigure[] figures =
        [
            new($"single-row requests/s with explain=true (wrk, 64 connections, best of {Repetitions} × {RunSeconds} s)", F(bestWith, "F0"), F(bestWithout, "F0"), F(bestWith / bestWithout, "F3") + "x"),
            new($"same, median of {Repetitions}", F(runs.MedianWith, "F0"), F(runs.MedianWithout, "F0"), F(runs.MedianWith / runs.MedianWithout, "F3") + "x"),
            new("non-2xx responses or socket errors", errors.ToString(CultureInfo.InvariantCulture), Target: "0", MeetsTarget: errors == 0),
        ];
        string load = MachineLoad.OneMinute();
        string notes = $"""
            The serving benchmark's host (default settings, every request logged) and model (breast cancer, LightGbm, 100 trees, trained by the
            pipeline), 1-row JSON bodies (the dataset's rows in random order) from wrk 4.1 (2 threads, 64 connections) on the same 2 cores.
            Ours: `?explain=true` (the 5 largest of 30 columns' contributions, the bias and the rest per row); the peer column is the same
            requests without it, the plain path, which computes nothing for explanations. Explaining a row featurizes it a second time
            (a pooled ML.NET prediction engine up to the feature vector) and walks every tree once more recording each split's step, then
            sorts 30 columns; the answer is about 300 bytes longer. Runs alternate on one host after a 20 s warm-up of each; the machine
            was shared with other engineers' builds and tests (load average {load} at the end of the run), so the ratio, measured in the same run,
            is the figure to read.
            """;
        return new BenchmarkReport("Explanations: what ?explain=true costs a single-row predict over HTTP", figures, notes);
    }

    private static string F(double value, string format = "F1") => AlternatingRuns.F(value, format);
}
