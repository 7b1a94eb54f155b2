using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using MlOps.Core.Data.Inference;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Monitoring.Statistics;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// The drift monitor's Core: (a) an exact drift report through the window accumulator and the analyzer, 500,000
/// reference vs 500,000 current rows over 22 columns, against scipy computing the same statistics on the same data;
/// (b) the monitor's peak memory (parse log lines, accumulate, analyze) over a 5,000,000-row window with the default
/// sample cap versus a 500,000-row window.
/// </summary>
internal sealed class MonitorBenchmark : IBenchmark
{
    private const int ReferenceRows = DriftBenchmarkData.StandardRows;
    private const int CurrentRows = DriftBenchmarkData.StandardRows;
    private const int NumericColumns = DriftBenchmarkData.StandardNumericColumns;
    private const int CategoricalColumns = DriftBenchmarkData.StandardCategoricalColumns;
    private const int Repeats = 5;
    private const double TargetSpeedup = 2.0;
    private const long SmallWindow = 500_000;
    private const long LargeWindow = 5_000_000;
    /// <summary>Runs per window length, in blocks ordered short, long, long, short (so slow drift of the process's RSS favours neither).</summary>
    private const int MemoryRepeats = 4;

    private static readonly DateTimeOffset WindowStart = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] CategoryCodes = [.. Enumerable.Range(0, DriftBenchmarkData.StandardCategories).Select(k => string.Create(CultureInfo.InvariantCulture, $"k{k}"))];

    public string Name => "monitor";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var figures = new List<BenchmarkFigure>();
        string exactNotes = await MeasureExactReportAsync(context, figures, cancellationToken);
        string memoryNotes = await MeasureMemoryAsync(context, figures, cancellationToken);
        return new BenchmarkReport("Monitor: exact drift report vs scipy, memory over long windows", figures, exactNotes + "\n" + memoryNotes);
    }

    private async Task<string> MeasureExactReportAsync(BenchmarkContext context, List<BenchmarkFigure> figures, CancellationToken cancellationToken)
    {
        context.Progress("generating 500,000 + 500,000 rows x 22 columns (the drift-statistics data)");
        var data = DriftBenchmarkData.Standard();
        string directory = Path.Combine(context.WorkDirectory, Name);
        data.Write(directory);
        DatasetProfile profile = ReferenceProfile(data, sampleSize: ReferenceRows);
        FeatureLayout layout = Layout();

        // A cap at least the window's rows keeps every value: the report is exact, as scipy's is.
        var spec = new DriftSpec { SampleCap = CurrentRows };
        context.Progress("C#: warm-up");
        ExactRun(data, profile, layout, spec);
        var runs = new List<(double Accumulate, double Analyze, DriftReport Report)>();
        for (int i = 0; i < Repeats; i++)
        {
            context.Progress($"C#: accumulate + analyze, run {i + 1} of {Repeats}");
            runs.Add(ExactRun(data, profile, layout, spec));
        }

        context.Progress("scipy peer");
        string peerLine = await context.RunPeerAsync("drift_scipy.py", [directory, Repeats.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        using JsonDocument peer = JsonDocument.Parse(peerLine);
        double peerMedian = peer.RootElement.GetProperty("median").GetDouble();
        double peerBest = peer.RootElement.GetProperty("seconds").GetDouble();

        DriftReport report = runs[^1].Report;
        if (report.Sampled || report.ColumnsCompared != NumericColumns + CategoricalColumns)
        {
            throw new InvalidOperationException("The exact report sampled or skipped columns.");
        }

        var agreement = DriftScipyAgreement.Compare(
            [.. Enumerable.Range(0, NumericColumns).Select(i => report.Columns.Single(c => c.Column == NumericName(i)).Numeric!)],
            [.. Enumerable.Range(0, CategoricalColumns).Select(i => report.Columns.Single(c => c.Column == CategoricalName(i)).Categorical!)],
            peer.RootElement);

        double[] totals = [.. runs.Select(r => r.Accumulate + r.Analyze)];
        double median = Median(totals);
        double speedup = peerMedian / median;
        figures.Add(new(
            $"exact drift report, 500k vs 500k rows, 20 numeric + 2 categorical: accumulate the window + analyze, median of {Repeats}",
            Seconds(median), Seconds(peerMedian), Ratio(speedup), $">= {TargetSpeedup:0}x faster", speedup >= TargetSpeedup));
        figures.Add(new("same, best run", Seconds(totals.Min()), Seconds(peerBest), Ratio(peerBest / totals.Min())));
        figures.Add(new("of which accumulation (500,000 rows into the window, median)", Seconds(Median([.. runs.Select(r => r.Accumulate)]))));
        figures.Add(new("of which analysis (22 columns in parallel, median)", Seconds(Median([.. runs.Select(r => r.Analyze)]))));
        figures.AddRange(agreement.Figures());

        string load = MachineLoad.OneMinute();
        return string.Create(CultureInfo.InvariantCulture, $"""
            Exact report: the drift-statistics benchmark's data ({ReferenceRows:N0} reference and {CurrentRows:N0} current rows, 20 numeric columns of five shapes with small shifts in 7, two 10-category columns, one shifted). Ours: the reference profile holds every reference value as its sorted sample and the category counts as top values (what `DatasetProfiler` gives with a sample size of {ReferenceRows:N0}); each run feeds the current rows into a `WindowAccumulator` with a cap of {CurrentRows:N0} (so nothing is sampled) and runs `DriftAnalyzer.Analyze`, which computes KS with p-value, PSI, Wasserstein (raw and normalised), Jensen-Shannon for each numeric column and chi-squared, PSI, Jensen-Shannon for each categorical one, applies the policy and orders the columns. Median of {Repeats} runs after a warm-up; run totals {string.Join(", ", totals.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s.
            Peer: `bench/peers/drift_scipy.py` (shared with the drift-statistics benchmark) on the same data in the same run: `ks_2samp` per numeric column, PSI with `np.quantile`/`np.histogram`, `wasserstein_distance`, `jensenshannon`, `bincount` + `chi2_contingency(correction=False)` per categorical column; median of {Repeats}. Times exclude data generation and file IO. 1-minute load average when the peer finished: {load} (2 cores shared with other work).
            """);
    }

    private static (double Accumulate, double Analyze, DriftReport Report) ExactRun(DriftBenchmarkData data, DatasetProfile profile, FeatureLayout layout, DriftSpec spec)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long start = Stopwatch.GetTimestamp();
        var accumulator = WindowAccumulator.For(layout, spec);
        double[] numbers = new double[NumericColumns];
        string?[] categories = new string?[CategoricalColumns];
        for (int row = 0; row < CurrentRows; row++)
        {
            for (int c = 0; c < NumericColumns; c++)
            {
                numbers[c] = data.CurrentNumeric[c][row];
            }

            for (int c = 0; c < CategoricalColumns; c++)
            {
                categories[c] = CategoryCodes[data.CurrentCategorical[c][row]];
            }

            accumulator.AddRow(numbers, categories);
        }

        double accumulate = Stopwatch.GetElapsedTime(start).TotalSeconds;
        start = Stopwatch.GetTimestamp();
        DriftReport report = DriftAnalyzer.Analyze(profile, layout, accumulator, spec, Context());
        return (accumulate, Stopwatch.GetElapsedTime(start).TotalSeconds, report);
    }

    private async Task<string> MeasureMemoryAsync(BenchmarkContext context, List<BenchmarkFigure> figures, CancellationToken cancellationToken)
    {
        // The profiler's default: a 10,000-value reference sample per numeric column.
        DatasetProfile profile = ReferenceProfile(DriftBenchmarkData.Generate(10_000, 1, NumericColumns, CategoricalColumns, DriftBenchmarkData.StandardCategories, DriftBenchmarkData.StandardSeed), sampleSize: 10_000);
        FeatureLayout layout = Layout();
        var spec = new DriftSpec();
        await MonitorWindowAsync(profile, layout, spec, 50_000, cancellationToken);

        var small = new List<WindowRun>();
        var large = new List<WindowRun>();

        // Background (concurrent) collections run on a thread of their own at moments that vary from run to run; turning
        // them off removes one source of run-to-run spread in the peaks (other work on the shared cores remains one).
        GCLatencyMode latency = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        try
        {
            for (int i = 0; i < MemoryRepeats; i++)
            {
                foreach (long rows in i % 2 == 0 ? new[] { SmallWindow, LargeWindow } : [LargeWindow, SmallWindow])
                {
                    context.Progress($"monitor over a {rows:N0}-row window, run {i + 1} of {MemoryRepeats}");
                    (rows == SmallWindow ? small : large).Add(await MonitorWindowAsync(profile, layout, spec, rows, cancellationToken));
                }
            }
        }
        finally
        {
            GCSettings.LatencyMode = latency;
        }

        double smallPeak = Median([.. small.Select(r => r.PeakMb)]);
        double largePeak = Median([.. large.Select(r => r.PeakMb)]);
        figures.Add(new($"monitor peak RSS, {SmallWindow:N0}-row window, default cap {spec.SampleCap:N0} (median of {MemoryRepeats})", Mb(smallPeak)));
        figures.Add(new($"monitor peak RSS, {LargeWindow:N0}-row window, same cap (median of {MemoryRepeats})", Mb(largePeak), Target: $"<= the {SmallWindow:N0}-row peak (at 1 MB)", MeetsTarget: Math.Round(largePeak) <= Math.Round(smallPeak)));
        figures.Add(new($"largest of the {LargeWindow:N0}-row peaks vs smallest of the {SmallWindow:N0}-row ones", $"{Mb(large.Max(r => r.PeakMb))} vs {Mb(small.Min(r => r.PeakMb))}"));
        figures.Add(new(
            $"managed heap held after the window ({SmallWindow:N0} / {LargeWindow:N0} rows, accumulator alive, after a full GC)",
            $"{Mb(Median([.. small.Select(r => r.RetainedMb)]))} / {Mb(Median([.. large.Select(r => r.RetainedMb)]))}"));
        figures.Add(new("monitor throughput over the 5M window: make up + parse log lines + accumulate (median)", string.Create(CultureInfo.InvariantCulture, $"{Median([.. large.Select(r => LargeWindow / r.Seconds)]):N0} rows/s")));

        WindowRun sample = large[^1];
        return string.Create(CultureInfo.InvariantCulture, $"""
            Memory: the monitor's Core path minus storage. A generator stream makes up prediction log lines (22 inputs and a regression output, about {sample.BytesPerLine:N0} bytes a line) that `PredictionLogReader.ReadStreamAsync` splits and parses exactly as it reads a blob; each row goes into a `WindowAccumulator` with the default `DriftSpec` (cap {spec.SampleCap:N0} values per numeric column), then `DriftAnalyzer.Analyze` against a profile with 10,000-value samples. Peak RSS is this process's VmHWM after a full, compacting GC and a reset of the high-water mark (/proc/self/clear_refs) before each run, with background GC off during these runs (GCLatencyMode.Batch), so it includes the runtime and the harness ({Mb(Median([.. small.Concat(large).Select(r => r.BaselineMb)]))} resident at the start of a run). {MemoryRepeats} runs of each window length in the order short, long, long, short, ...; peaks {string.Join(", ", small.Select(r => r.PeakMb.ToString("0.0", CultureInfo.InvariantCulture)))} MB ({SmallWindow:N0} rows) and {string.Join(", ", large.Select(r => r.PeakMb.ToString("0.0", CultureInfo.InvariantCulture)))} MB ({LargeWindow:N0} rows). Every value of the {LargeWindow:N0}-row window passes through the reservoir; only {spec.SampleCap:N0} per column are held.
            """);
    }

    private static async Task<WindowRun> MonitorWindowAsync(DatasetProfile profile, FeatureLayout layout, DriftSpec spec, long rows, CancellationToken cancellationToken)
    {
        PeakMemory.CollectAndReset();
        double baseline = PeakMemory.ResidentBytes() / (1024.0 * 1024);
        long start = Stopwatch.GetTimestamp();
        var accumulator = WindowAccumulator.For(layout, spec);
        var scan = new PredictionLogScan();
        long bytesPerLine;
        using (var stream = new MonitorLogGenerator(rows, NumericColumns, CategoricalColumns, CategoryCodes, WindowStart.AddHours(1), DriftBenchmarkData.StandardSeed))
        {
            await foreach (LoggedPrediction row in PredictionLogReader.ReadStreamAsync(stream, "generated", WindowStart, WindowStart.AddDays(1), scan, cancellationToken))
            {
                accumulator.Add(row);
            }

            bytesPerLine = stream.BytesGenerated / rows;
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        DriftReport report = DriftAnalyzer.Analyze(profile, layout, accumulator, spec, Context());
        double peak = PeakMemory.PeakBytes() / (1024.0 * 1024);
        double retained = GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024);
        GC.KeepAlive(accumulator);
        if (scan.Rows != rows || scan.Malformed != 0 || report.Rows != rows || report.SampleCap != spec.SampleCap)
        {
            throw new InvalidOperationException($"The monitor read {scan.Rows} rows ({scan.Malformed} malformed) of {rows}.");
        }

        return new WindowRun(peak, baseline, retained, seconds, bytesPerLine);
    }

    /// <summary>The reference profile the analyzer reads: each numeric column's sorted sample and each categorical column's counts.</summary>
    private static DatasetProfile ReferenceProfile(DriftBenchmarkData data, int sampleSize)
    {
        var columns = new List<ColumnProfile>();
        for (int i = 0; i < NumericColumns; i++)
        {
            double[] values = data.ReferenceNumeric[i];
            double[] sample = values[..Math.Min(sampleSize, values.Length)];
            Array.Sort(sample);
            var numeric = new NumericProfile(
                values.Length, sample[0], sample[^1], sample.Average(), null, [], new HistogramProfile([], []), new QuantileBinsProfile([], []), sample);
            columns.Add(new ColumnProfile(NumericName(i), i, ColumnKind.Numeric, "benchmark", values.Length, 0, 0, numeric, null, null));
        }

        for (int i = 0; i < CategoricalColumns; i++)
        {
            CategoryCount[] counts = [.. data.ReferenceCategorical[i].GroupBy(code => code)
                .Select(g => new CategoryCount(CategoryCodes[g.Key], g.LongCount())).OrderByDescending(c => c.Count)];
            columns.Add(new ColumnProfile(
                CategoricalName(i), NumericColumns + i, ColumnKind.Categorical, "benchmark", data.ReferenceCategorical[i].Length, 0, 0, null,
                new CategoricalProfile(counts.Length, false, counts, 0), null));
        }

        return new DatasetProfile("benchmark", data.ReferenceNumeric[0].Length, 1, 1, columns);
    }

    private static FeatureLayout Layout()
    {
        string[] numeric = [.. Enumerable.Range(0, NumericColumns).Select(NumericName)];
        string[] categorical = [.. Enumerable.Range(0, CategoricalColumns).Select(CategoricalName)];
        return new FeatureLayout
        {
            Task = ModelTask.Regression,
            Label = "y",
            Columns = [.. numeric, .. categorical, "y"],
            NumericFeatures = numeric,
            CategoricalFeatures = categorical,
        };
    }

    private static DriftContext Context() =>
        new() { Model = "bench", Version = 1, Window = new MonitoringWindow(WindowStart, WindowStart.AddDays(1)), CreatedAt = WindowStart.AddDays(1) };

    private static string NumericName(int i) => string.Create(CultureInfo.InvariantCulture, $"n{i}");

    private static string CategoricalName(int i) => string.Create(CultureInfo.InvariantCulture, $"c{i}");

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Seconds(double seconds) => seconds.ToString("0.000 s", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => ratio.ToString("0.0x", CultureInfo.InvariantCulture);

    private static string Mb(double mb) => mb.ToString("0 MB", CultureInfo.InvariantCulture);

    private sealed record WindowRun(double PeakMb, double BaselineMb, double RetainedMb, double Seconds, long BytesPerLine);
}
