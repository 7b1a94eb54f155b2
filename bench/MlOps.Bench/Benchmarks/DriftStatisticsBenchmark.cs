using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MlOps.Core.Monitoring.Statistics;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// An exact drift report (KS with p-values, PSI, Wasserstein, Jensen-Shannon per numeric column; chi-squared, PSI,
/// Jensen-Shannon per categorical column) over 500,000 reference vs 500,000 current rows, against scipy doing the same.
/// </summary>
internal sealed class DriftStatisticsBenchmark : IBenchmark
{
    private const int Repeats = 3;
    private const double TargetSpeedup = 2.0;

    public string Name => "drift-statistics";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        context.Progress("generating 500,000 + 500,000 rows x 22 columns");
        var data = DriftBenchmarkData.Standard();
        string directory = Path.Combine(context.WorkDirectory, Name);
        data.Write(directory);

        // One untimed run so that the timed ones see tier-1 code, not the JIT's first tier.
        context.Progress("C#: warm-up");
        Compute(data, parallel: true);
        context.Progress("C#: drift report, columns in parallel");
        (double parallelSeconds, DriftReport ours) = BestOf(() => Compute(data, parallel: true));
        context.Progress("C#: drift report, one thread");
        (double serialSeconds, _) = BestOf(() => Compute(data, parallel: false));

        context.Progress("scipy peer");
        string peerLine = await context.RunPeerAsync(
            "drift_scipy.py", [directory, Repeats.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        using JsonDocument peer = JsonDocument.Parse(peerLine);
        double peerSeconds = peer.RootElement.GetProperty("seconds").GetDouble();
        var agreement = DriftScipyAgreement.Compare(ours.Numeric, ours.Categorical, peer.RootElement);
        if (agreement.KsStatistic > DriftScipyAgreement.KsTolerance)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  WARNING: KS statistics differ from scipy's by up to {agreement.KsStatistic:E2} (tolerance {DriftScipyAgreement.KsTolerance:E0})."));
        }

        double speedup = peerSeconds / parallelSeconds;
        int cores = Environment.ProcessorCount;
        BenchmarkFigure[] figures =
        [
            new(
                $"drift report, 500k vs 500k rows, 20 numeric + 2 categorical columns, columns in parallel ({cores} cores)",
                Seconds(parallelSeconds),
                Seconds(peerSeconds),
                Ratio(speedup),
                $">= {TargetSpeedup:0}x faster",
                speedup >= TargetSpeedup),
            new("same report on one thread", Seconds(serialSeconds), Seconds(peerSeconds), Ratio(peerSeconds / serialSeconds)),
            .. agreement.Figures(),
        ];

        string methods = string.Join(", ", ours.Numeric.Select(n => n.KsPValueMethod).Distinct());
        string load = MachineLoad.OneMinute();
        string notes = string.Create(CultureInfo.InvariantCulture, $"""
            Both sides compute the same report from the same data ({DriftBenchmarkData.StandardRows:N0} reference and {DriftBenchmarkData.StandardRows:N0} current rows; numeric columns of five shapes, normal, log-normal, rounded integers with ties, chi-squared(1), arctan-normal, with a 0.05 sd shift in 4 columns, 0.02 sd in one and a 5% scale change in two; two categorical columns of {DriftBenchmarkData.StandardCategories} categories, one with 2% of mass moved). Times are the best of {Repeats} runs and exclude data generation and file IO; the 1-minute load average was {load} when the peer finished (other work on the same cores makes the parallel figure noisy).
            Ours: `ColumnDriftCalculator.ComputeNumericColumns` (copy each sample into a pooled buffer and radix-sort it once, then one merge walk for KS and Wasserstein, binary searches for the PSI and Jensen-Shannon bins; columns in parallel) and `ComputeCategorical` on counts. KS p-value method: {methods} (scipy's default switches from exact to asymptotic above 10,000 values per sample).
            Peer: `bench/peers/drift_scipy.py` with Debian's numpy/scipy (`ks_2samp` default method, PSI with `np.quantile`/`np.histogram`, `wasserstein_distance`, `jensenshannon`, `chi2_contingency(correction=False)`), single-threaded as numpy is for these calls.
            """);
        return new BenchmarkReport("Drift statistics (exact drift report vs scipy)", figures, notes);
    }

    private static DriftReport Compute(DriftBenchmarkData data, bool parallel)
    {
        NumericDriftStatistics[] numeric;
        if (parallel)
        {
            numeric = ColumnDriftCalculator.ComputeNumericColumns(data.ReferenceNumeric, data.CurrentNumeric);
        }
        else
        {
            numeric = new NumericDriftStatistics[data.ReferenceNumeric.Length];
            for (int column = 0; column < numeric.Length; column++)
            {
                numeric[column] = ColumnDriftCalculator.ComputeNumeric(data.ReferenceNumeric[column], data.CurrentNumeric[column]);
            }
        }

        var categorical = new CategoricalDriftStatistics[data.ReferenceCategorical.Length];
        for (int column = 0; column < categorical.Length; column++)
        {
            categorical[column] = ColumnDriftCalculator.ComputeCategorical(
                Count(data.ReferenceCategorical[column], data.Categories), Count(data.CurrentCategorical[column], data.Categories));
        }

        return new DriftReport(numeric, categorical);
    }

    private static long[] Count(int[] codes, int categories)
    {
        long[] counts = new long[categories];
        foreach (int code in codes)
        {
            counts[code]++;
        }

        return counts;
    }

    private static (double Seconds, T Result) BestOf<T>(Func<T> run)
    {
        double best = double.MaxValue;
        T result = default!;
        for (int i = 0; i < Repeats; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long start = Stopwatch.GetTimestamp();
            result = run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return (best, result);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.000 s", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => ratio.ToString("0.0x", CultureInfo.InvariantCulture);

    private sealed record DriftReport(NumericDriftStatistics[] Numeric, CategoricalDriftStatistics[] Categorical);
}
