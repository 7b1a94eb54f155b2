using System.Globalization;
using MlOps.Core.Runs;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// What publishing ingest progress (rows and bytes read, reported after every block of rows) costs the ingest hot path:
/// the full local ingest of the 1,000,000-row file with and without a progress listener, alternating.
/// </summary>
internal sealed class IngestProgressBenchmark : IBenchmark
{
    private const int Repetitions = 5;

    public string Name => "ingest-progress";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        string path = IngestBenchmark.DataFile(context);
        double megabytes = new FileInfo(path).Length / 1e6;
        long reports = 0;
        AlternatingRuns runs = await AlternatingRuns.MeasureAsync(
            context,
            megabytes,
            Repetitions,
            async withProgress =>
            {
                LatestProgress? progress = withProgress ? new LatestProgress() : null;
                double seconds = await PrepareOnceAsync(path, context.WorkDirectory, progress, cancellationToken);
                reports = progress?.Reports ?? reports;
                return seconds;
            },
            () => string.Create(CultureInfo.InvariantCulture, $" ({reports:N0} reports)"));
        (double bestWith, double bestWithout) = (runs.BestWith, runs.BestWithout);
        (double medianWith, double medianWithout) = (runs.MedianWith, runs.MedianWithout);
        BenchmarkFigure[] figures =
        [
            new("full ingest with progress (MB/s, best of 5)", F(bestWith), F(bestWithout), F(bestWith / bestWithout, "F3") + "x", ">= 0.98x without", bestWith / bestWithout >= 0.98),
            new("same, median of 5 (MB/s)", F(medianWith), F(medianWithout), F(medianWith / medianWithout, "F3") + "x"),
            new("progress reports per ingest", reports.ToString("N0", CultureInfo.InvariantCulture), "0"),
        ];
        string notes = string.Create(CultureInfo.InvariantCulture, $"""
            File: the ingest benchmark's 1,000,000-row, {megabytes:F1} MB CSV. Ours: `LocalDatasetPreparer` (validate + profile + split, what the
            ingest activity runs after its download) told of its progress through an `IProgress<StepProgress>` that keeps the latest
            report, as the activity's step writer does; the peer column is the same run without a listener. The first pass reports
            rows and the file position after every block of about a thousand rows, so a report costs one small object per block.
            In the activity a timer writes the latest report to the run's step record at most every 500 ms (one table upsert), off
            the parsing threads. Runs alternate with and without, best and median of {Repetitions} after a warm-up of each; the
            machine is shared with other builds and tests, so single runs vary by several percent either way.
            """);
        return new BenchmarkReport("Ingest progress: what reporting rows and bytes costs the full ingest", figures, notes);
    }

    private static async Task<double> PrepareOnceAsync(string path, string workDirectory, IProgress<StepProgress>? progress, CancellationToken cancellationToken) =>
        (await IngestBenchmark.PrepareOnceAsync(path, workDirectory, progress, cancellationToken)).Seconds;

    private static string F(double value, string format = "F1") => AlternatingRuns.F(value, format);

    /// <summary>Keeps the latest report, as the activity's step writer does.</summary>
    private sealed class LatestProgress : IProgress<StepProgress>
    {
        private StepProgress? _latest;
        private long _reports;

        public long Reports => Interlocked.Read(ref _reports);

        public StepProgress? Latest => Volatile.Read(ref _latest);

        public void Report(StepProgress value)
        {
            Volatile.Write(ref _latest, value);
            Interlocked.Increment(ref _reports);
        }
    }
}
