using System.Diagnostics;
using System.Globalization;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Privacy;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Data.Validation;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// What looking for personal data costs ingest: the profiler's first pass (where the PII observer rides along) over the
/// ingest benchmark's 1,000,000-row file with and without the observer, alternating.
/// </summary>
internal sealed class PiiDetectionBenchmark : IBenchmark
{
    private const int Repetitions = 5;

    public string Name => "ingest-pii";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        string path = IngestBenchmark.DataFile(context);
        double megabytes = new FileInfo(path).Length / 1e6;
        AlternatingRuns runs = await AlternatingRuns.MeasureAsync(
            context, megabytes, Repetitions, withPii => ProfileOnceAsync(path, context.WorkDirectory, withPii, cancellationToken));
        (double bestWith, double bestWithout) = (runs.BestWith, runs.BestWithout);
        (double medianWith, double medianWithout) = (runs.MedianWith, runs.MedianWithout);
        BenchmarkFigure[] figures =
        [
            new("profiling with PII detection (MB/s, best of 5)", F(bestWith), F(bestWithout), F(bestWith / bestWithout, "F3") + "x", ">= 0.97x without", bestWith / bestWithout >= 0.97),
            new("same, median of 5 (MB/s)", F(medianWith), F(medianWithout), F(medianWith / medianWithout, "F3") + "x"),
        ];
        string notes = string.Create(CultureInfo.InvariantCulture, $"""
            File: the ingest benchmark's 1,000,000-row, {megabytes:F1} MB CSV. Ours: `DatasetProfiler` with `PiiObserver` riding along
            on its first pass through a `TeeDatasetSource`, as ingest runs it; the peer column is the same profile without the observer.
            The observer tests each column's first {new PiiObserver().ValuesPerColumn:N0} values against the patterns and then skips
            the column's later batches whole, so its cost does not grow with the rows. Runs alternate, best and median of
            {Repetitions} after a warm-up of each; the machine is shared with other builds and tests.
            """);
        return new BenchmarkReport("PII detection: what looking for personal data costs the profiler's first pass", figures, notes);
    }

    private static async Task<double> ProfileOnceAsync(string path, string workDirectory, bool withPii, CancellationToken cancellationToken)
    {
        var options = new DatasetProfilerOptions { SpillDirectory = workDirectory };
        IDatasetSource source = new CsvDatasetSource(() => File.OpenRead(path), Path.GetFileName(path), new CsvReaderOptions());
        var observer = new PiiObserver();
        var stopwatch = Stopwatch.StartNew();
        DatasetProfile profile = await new DatasetProfiler(options).ProfileAsync(withPii ? new TeeDatasetSource(source, observer) : source, cancellationToken);
        stopwatch.Stop();
        if (profile.RowCount == 0 || (withPii && observer.Flagged().Count != 0))
        {
            throw new InvalidOperationException("The profile is empty, or a synthetic numeric column was flagged as personal data.");
        }

        return stopwatch.Elapsed.TotalSeconds;
    }

    private static string F(double value, string format = "F1") => AlternatingRuns.F(value, format);
}
