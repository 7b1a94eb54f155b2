using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MlOps.Core.Data;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Runs;
using MlOps.Core.Specs;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// Ingest throughput: read and profile a 1,000,000-row CSV (20 numeric columns including a binary label, 2
/// categorical) with the streaming profiler, against pandas read_csv + describe + value_counts on the same file.
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    private const int Rows = 1_000_000;
    private const int NumericFeatures = 19;
    private const int Repetitions = 3;
    private static readonly string[] Categorical = ["segment", "region"];

    public string Name => "ingest";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        string path = DataFile(context);
        double megabytes = new FileInfo(path).Length / 1e6;
        context.Progress($"File: {megabytes:F1} MB");

        GC.Collect();
        double baselineRssMb = PeakMemory.ResidentBytes() / (1024.0 * 1024);
        // One untimed run lets the JIT finish tiering; then the two modes alternate so that load from other
        // processes on the machine falls on both alike.
        context.Progress("warm-up run (not timed)");
        await ProfileOnceAsync(path, cancellationToken);
        var ours = new List<(double Seconds, long PeakRssBytes, int Passes, int SourceScans)>();
        var singleThreaded = new List<double>();
        for (int i = 0; i < Repetitions; i++)
        {
            ours.Add(await ProfileOnceAsync(path, cancellationToken));
            context.Progress(string.Create(CultureInfo.InvariantCulture,
                $"ours: {ours[^1].Seconds:F2} s, {ours[^1].Passes} passes, peak RSS {ours[^1].PeakRssBytes / 1e6:F0} MB"));
            singleThreaded.Add((await ProfileOnceAsync(path, cancellationToken, parseInParallel: false)).Seconds);
            context.Progress(string.Create(CultureInfo.InvariantCulture, $"ours, one thread: {singleThreaded[^1]:F2} s"));
        }

        // The split pass's code has not run yet: one untimed full ingest lets it tier up too, as the profiler's did.
        context.Progress("full ingest warm-up run (not timed)");
        await PrepareOnceAsync(path, context.WorkDirectory, cancellationToken);
        var prepared = new List<(double Seconds, long PeakRssBytes, PreparePhases Phases)>();
        for (int i = 0; i < Repetitions; i++)
        {
            prepared.Add(await PrepareOnceAsync(path, context.WorkDirectory, cancellationToken));
            PreparePhases phases = prepared[^1].Phases;
            context.Progress(string.Create(CultureInfo.InvariantCulture,
                $"ours, full ingest (validate + profile + split): {prepared[^1].Seconds:F2} s, peak RSS {prepared[^1].PeakRssBytes / 1e6:F0} MB; "
                + $"first pass {phases.FirstPass.TotalSeconds:F2} s, then profile passes {phases.ProfileRest.TotalSeconds:F2} s beside the split pass {phases.Splits.TotalSeconds:F2} s"));
        }

        string loadAfterOurs = MachineLoad.OneMinute();
        context.Progress("pandas: read_csv + describe + value_counts (best of 3)");
        string peerJson = await context.RunPeerAsync("ingest_pandas.py", [path, .. Categorical], cancellationToken);
        using JsonDocument peer = JsonDocument.Parse(peerJson);
        double peerSeconds = peer.RootElement.GetProperty("seconds").GetDouble();
        double peerRss = peer.RootElement.GetProperty("peak_rss_mb").GetDouble();
        double peerBaseline = peer.RootElement.GetProperty("baseline_rss_mb").GetDouble();
        string pandasVersion = peer.RootElement.GetProperty("pandas").GetString() ?? "?";

        context.Progress("polars and DuckDB (npm, bench/peers): parse, and parse + exact quantiles (best of 3 each)");
        using JsonDocument columnar = JsonDocument.Parse(await context.RunPeerAsync("ingest_polars_duckdb.mjs", [path, .. Categorical], cancellationToken));
        (double Parse, double Quantiles, string Version) polars = ColumnarPeer(columnar.RootElement.GetProperty("polars"));
        (double Parse, double Quantiles, string Version) duckDb = ColumnarPeer(columnar.RootElement.GetProperty("duckdb"));
        string loadAfterPeers = MachineLoad.OneMinute();

        double best = ours.Min(o => o.Seconds);
        double ourMbps = megabytes / best;
        double peerMbps = megabytes / peerSeconds;
        double ourRss = ours.Max(o => o.PeakRssBytes) / 1e6;
        double ingestMbps = megabytes / prepared.Min(p => p.Seconds);
        double ingestRss = prepared.Max(p => p.PeakRssBytes) / 1e6;
        PreparePhases fastest = prepared.MinBy(p => p.Seconds).Phases;
        BenchmarkFigure[] figures =
        [
            new("full ingest: validate + profile + split (MB/s, best of 3)", F(ingestMbps), F(peerMbps), F(ingestMbps / peerMbps) + "x", ">= 1x pandas", ingestMbps >= peerMbps),
            new("full ingest phases (s): first pass (parse + profile + observers) / then side by side: profile passes, split pass",
                string.Create(CultureInfo.InvariantCulture, $"{fastest.FirstPass.TotalSeconds:F2} / {fastest.ProfileRest.TotalSeconds:F2}, {fastest.Splits.TotalSeconds:F2}"), ""),
            new("full ingest: process peak RSS (MB)", F(ingestRss, "F0"), F(peerRss, "F0"), F(ingestRss / peerRss, "F2") + "x", "bounded, < pandas", ingestRss < peerRss),
            new("read + profile throughput (MB/s, best of 3)", F(ourMbps), F(peerMbps), F(ourMbps / peerMbps) + "x", ">= 1x pandas", ourMbps >= peerMbps),
            new("same, parsing on the profiling thread (MB/s)", F(megabytes / singleThreaded.Min()), F(peerMbps), F(megabytes / singleThreaded.Min() / peerMbps) + "x"),
            new("wall time (s)", F(best, "F2"), F(peerSeconds, "F2")),
            new("process peak RSS (MB)", F(ourRss, "F0"), F(peerRss, "F0"), F(ourRss / peerRss, "F2") + "x", "bounded, < pandas", ourRss < peerRss),
            new("passes over the data (of which over the CSV)", $"{ours[0].Passes} ({ours[0].SourceScans})", "1 (1)"),
            new("full ingest (s) vs polars parse only (s): ours ÷ polars", F(prepared.Min(p => p.Seconds), "F2"), F(polars.Parse, "F2"), F(prepared.Min(p => p.Seconds) / polars.Parse, "F2") + "x", "<= 2.5x", prepared.Min(p => p.Seconds) <= 2.5 * polars.Parse),
            new("read + profile (s) vs polars parse + exact quantiles (s): polars ÷ ours", F(best, "F2"), F(polars.Quantiles, "F2"), F(polars.Quantiles / best, "F2") + "x"),
            new("read + profile (s) vs DuckDB parse only (s): ours ÷ DuckDB", F(best, "F2"), F(duckDb.Parse, "F2"), F(best / duckDb.Parse, "F2") + "x"),
            new("read + profile (s) vs DuckDB parse + exact quantiles (s): DuckDB ÷ ours", F(best, "F2"), F(duckDb.Quantiles, "F2"), F(duckDb.Quantiles / best, "F2") + "x"),
        ];
        string notes = string.Create(CultureInfo.InvariantCulture, $"""
            File: {Rows:N0} rows x 22 columns ({NumericFeatures} numeric features with 1% missing in two of them and values of
            2 to 17 significant digits, a 0/1 label, 2 categorical columns), {megabytes:F1} MB, generated with a fixed seed.
            Ours: `DatasetProfiler` over `CsvDatasetSource` with default options: the 4M-value in-memory budget is exceeded, so
            this file takes the bounded two-pass route (pass 1 parses the CSV in chunks of whole records on as many threads as
            cores, the profiler taking the parsed blocks in file order on two threads, each a share of the columns, and spills
            the parsed numbers to a temporary file, blocks of short decimals packed into 1- to 4-byte integers where they
            come back bit for bit; pass 2 replays them for exact quantiles, std, 20-bin histograms and PSI decile bins; plus
            10,000-value reservoir samples, top-50 frequencies, kind inference). Best of 3 after an untimed warm-up run, the
            default and the one-thread mode alternating. The machine is shared with other work, so figures vary between runs
            (ratios from 1.1x to 2.6x were seen while tuning); both sides ran in the same minute. Peer: pandas {pandasVersion} `read_csv` + `describe(percentiles=[9 quantiles])`
            + `value_counts` of the two categorical columns, timed inside Python, best of 3.
            RSS: ours is this harness process's VmHWM after resetting the high-water mark (/proc/self/clear_refs) before each
            run, so it includes the .NET runtime and the harness ({baselineRssMb:F0} MB resident before the runs) and is mostly the
            profiler's configured bounds (the 4M-value in-memory budget it fills before taking the two-pass route, the key
            histograms), not the file: it does not grow with the row count. pandas' is the
            Python process's VmHWM, including the interpreter and imports ({peerBaseline:F0} MB before reading; its ru_maxrss is
            not used because Linux carries the parent's high-water mark across the vfork+exec that starts it).
            """);
        notes += "\nFull ingest: `LocalDatasetPreparer` (what the ingest activity runs after the download), best of 3 after an untimed warm-up run of its own. "
            + "The profiler's first pass parses in chunks on as many threads as cores (as above) and hands each column of a parsed block to the profiler and to the label and leakage observers riding along as one block (numbers are folded into moments, key histogram, reservoir sample and spill a block at a time), the columns shared between two threads where their measured times balance. "
            + "The contract checks need only what that pass settles (kinds, counts, ranges, cardinalities: `DatasetSummary`), so the split pass starts then and runs beside the profiler's second pass, which replays the spilled numbers on one thread. "
            + "The split pass (a second read of the CSV) parses on its own second thread, which marks each record that needs no normalising (label spelled as its class name, numbers already plain, no missing token but empty ones); the writer copies such a record whole and feeds its hash (duplicates, counted by sorting 256 small buckets at the end) and its categorical values (leakage) to the row checks. "
            + "Which columns need that look per record is known from the first pass, whose parsers note per column whether every value is written as it stands in a numeric role (empty, or a number the parser's fast path found plainly spelled) and in a text role (no missing token but the empty one): for this file only the label and the two categorical fields are looked at. "
            + "A profiler failure stops the split pass and is reported as before. The ratio to pandas moves with the load other work puts on the two cores."
            + string.Create(CultureInfo.InvariantCulture, $" The phases row is the fastest run's: the first pass, then the profiler's later passes and the split pass side by side (the whole is about the first plus the longer of the other two). 1-minute load average after our runs {loadAfterOurs}, after the peers' {loadAfterPeers} (2 cores; other engineers' builds and benchmarks share them).")
            + string.Create(CultureInfo.InvariantCulture, $"\npolars ({polars.Version}, nodejs-polars) and DuckDB ({duckDb.Version}, @duckdb/node-api, threads = the core count), installed from npm into bench/peers (`npm ci --prefix bench/peers`) and run by `bench/peers/ingest_polars_duckdb.mjs` on the same file in the same run, best of 3 each inside Node: parse only reads the whole file into the engine's in-memory table (`pl.readCSV`; `CREATE TABLE AS SELECT * FROM read_csv`), parse + exact quantiles adds the profiler's nine quantiles of every numeric column with linear interpolation (`quantile(q, \"linear\")`; `quantile_cont`) and the value counts of the two categorical columns. Neither computes the rest of our profile (moments, histograms, PSI bins, samples, kinds) or validates and splits; the ratios say how our whole job compares with their parse alone.");
        return new BenchmarkReport("Ingest: validate + profile + split a 1M-row CSV", figures, notes);
    }

    private static (double Parse, double Quantiles, string Version) ColumnarPeer(JsonElement peer) => (
        peer.GetProperty("parse").GetProperty("seconds").GetDouble(),
        peer.GetProperty("quantiles").GetProperty("seconds").GetDouble(),
        peer.GetProperty("version").GetString() ?? "?");

    /// <summary>The 1,000,000-row CSV, generated with a fixed seed on first use and shared by the ingest benchmarks.</summary>
    internal static string DataFile(BenchmarkContext context)
    {
        string path = Path.Combine(context.WorkDirectory, "ingest-1m.csv");
        if (!File.Exists(path))
        {
            context.Progress($"Generating {Rows:N0} rows into {path}");
            IngestDataGenerator.Write(path, Rows, NumericFeatures);
        }

        return path;
    }

    private static Task<(double Seconds, long PeakRssBytes, PreparePhases Phases)> PrepareOnceAsync(string path, string workDirectory, CancellationToken cancellationToken) =>
        PrepareOnceAsync(path, workDirectory, progress: null, cancellationToken);

    /// <summary>What ingest does after downloading: profile (with the label collected on the way), contract checks, split files with row checks.</summary>
    internal static async Task<(double Seconds, long PeakRssBytes, PreparePhases Phases)> PrepareOnceAsync(string path, string workDirectory, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        PeakMemory.CollectAndReset();
        string folder = Path.Combine(workDirectory, "ingest-prepared");
        Directory.CreateDirectory(folder);
        var spec = new PipelineSpec { Label = "label", Task = ModelTask.Binary };
        var stopwatch = Stopwatch.StartNew();
        PreparedLocally result = await LocalDatasetPreparer.PrepareAsync(path, Path.GetFileName(path), spec, new CsvReaderOptions(), folder, progress, cancellationToken);
        stopwatch.Stop();
        if (!result.Report.Passed || result.SplitRows.Sum() != Rows)
        {
            throw new InvalidOperationException($"Ingest did not prepare the file: {result.Report.Summary()}");
        }

        return (stopwatch.Elapsed.TotalSeconds, PeakMemory.PeakBytes(), result.Phases);
    }

    private static async Task<(double Seconds, long PeakRssBytes, int Passes, int SourceScans)> ProfileOnceAsync(
        string path, CancellationToken cancellationToken, bool parseInParallel = true)
    {
        PeakMemory.CollectAndReset();
        var source = new CsvDatasetSource(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), Path.GetFileName(path))
        {
            ParseInParallel = parseInParallel,
        };
        var stopwatch = Stopwatch.StartNew();
        DatasetProfile profile = await new DatasetProfiler().ProfileAsync(source, cancellationToken);
        stopwatch.Stop();
        if (profile.RowCount != Rows)
        {
            throw new InvalidOperationException($"Profiled {profile.RowCount} rows, expected {Rows}.");
        }

        return (stopwatch.Elapsed.TotalSeconds, PeakMemory.PeakBytes(), profile.Passes, profile.SourceScans);
    }

    private static string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);
}
