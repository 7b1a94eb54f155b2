using System.Diagnostics;
using System.Globalization;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Inference;
using MlOps.Core.Data.Parquet;
using MlOps.Core.Data.Privacy;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Data.Validation;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>
/// Ingest's work on a local copy, without storage: profile (the profiler's first pass also collects the labels and the
/// numeric features' per-class ranges for the leakage check), check the contract against what the first pass settled,
/// then one more pass that writes the stratified splits and runs the row-level checks, beside the profiler's later passes.
/// Two passes over the data (three for a Parquet file, converted to CSV first); memory is bounded by the profiler's
/// budget plus one int per row for the labels.
/// </summary>
public static class LocalDatasetPreparer
{
    public static Task<PreparedLocally> PrepareAsync(
        string dataPath, string source, PipelineSpec spec, CsvReaderOptions csv, string workFolder, CancellationToken cancellationToken = default) =>
        PrepareAsync(dataPath, source, spec, csv, workFolder, progress: null, cancellationToken);

    /// <param name="progress">Told the rows and bytes of the first pass over the CSV as it goes (phase "parse").</param>
    public static Task<PreparedLocally> PrepareAsync(
        string dataPath, string source, PipelineSpec spec, CsvReaderOptions csv, string workFolder, IProgress<StepProgress>? progress, CancellationToken cancellationToken) =>
        PrepareAsync(dataPath, source, spec, csv, workFolder, new DatasetProfilerOptions().InMemoryValueBudget, progress, cancellationToken);

    /// <param name="inMemoryValueBudget">The profiler's (<see cref="DatasetProfilerOptions.InMemoryValueBudget"/>): lower, small data takes the two-pass route.</param>
    internal static Task<PreparedLocally> PrepareAsync(
        string dataPath, string source, PipelineSpec spec, CsvReaderOptions csv, string workFolder, long inMemoryValueBudget, CancellationToken cancellationToken) =>
        PrepareAsync(dataPath, source, spec, csv, workFolder, inMemoryValueBudget, progress: null, cancellationToken);

    internal static async Task<PreparedLocally> PrepareAsync(
        string dataPath, string source, PipelineSpec spec, CsvReaderOptions csv, string workFolder, long inMemoryValueBudget,
        IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(csv);
        if (spec.MissingValues.Count > 0)
        {
            csv.MissingTokens = spec.MissingValues;
        }

        var findings = new List<ValidationFinding>();
        var labels = new LabelObserver(spec.Label, spec.Task != ModelTask.Regression);
        var numericValues = new NumericLeakageObserver(labels, spec.Task == ModelTask.Regression);
        var personal = new PiiObserver();
        DatasetProfile? profile = null;
        FeatureLayout? layout = null;
        long[] counts = [0, 0, 0];
        var clock = Stopwatch.StartNew();
        TimeSpan converted = TimeSpan.Zero, firstPass = TimeSpan.Zero, profileRest = TimeSpan.Zero, splits = TimeSpan.Zero;
        string[] paths = [.. new[] { PreparedDatasetStore.TrainFile, PreparedDatasetStore.ValidationFile, PreparedDatasetStore.TestFile }.Select(f => Path.Combine(workFolder, f))];
        try
        {
            if (dataPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            {
                string csvCopy = Path.Combine(workFolder, Path.GetFileNameWithoutExtension(dataPath) + ".csv");
                progress?.Report(new StepProgress("convert", 0, new FileInfo(dataPath).Length, 0));
                await ParquetCsvConverter.ConvertAsync(dataPath, csvCopy, source, cancellationToken).ConfigureAwait(false);
                dataPath = csvCopy;
            }

            converted = clock.Elapsed;

            string csvPath = dataPath;
            var profiler = new DatasetProfiler(new DatasetProfilerOptions
            {
                KindOverrides = KindOverrides(spec),
                SpillDirectory = workFolder,
                InMemoryValueBudget = inMemoryValueBudget,
            });
            var csvSource = new CsvDatasetSource(() => SplitWriter.OpenSequential(csvPath), source, csv)
            {
                Progress = progress is null ? null : new ParseProgress(progress, new FileInfo(csvPath).Length),
            };
            using ProfilingRun profiling = await profiler.BeginAsync(
                new TeeDatasetSource(new TeeDatasetSource(new TeeDatasetSource(csvSource, numericValues), labels), personal),
                cancellationToken).ConfigureAwait(false);

            // The layout needs only what the first pass settled, so the split pass runs beside the profiler's later passes
            // (which replay spilled numbers on one thread, leaving the other core to the split pass's parser).
            firstPass = clock.Elapsed - converted;
            (FeatureLayout? chosen, List<ValidationFinding> profileFindings) = FeatureLayoutBuilder.Build(profiling.Summary, labels, spec, personal.Flagged());
            using var stopSplitting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            TimeSpan profileStart = clock.Elapsed;
            Task<(long[] Counts, RowChecks Checks, TimeSpan Took)>? splitting = chosen is null
                ? null
                : Task.Run(() => WriteSplits(csvPath, source, csv, csvSource.Spellings, chosen, spec, labels, numericValues, paths, stopSplitting.Token), stopSplitting.Token);
            profile = await OverlappedPass.AwaitLeadingAsync(profiling.FinishAsync(cancellationToken), splitting, stopSplitting).ConfigureAwait(false);
            profileRest = clock.Elapsed - profileStart;
            layout = chosen;
            findings.AddRange(profileFindings);
            if (splitting is not null)
            {
                (counts, RowChecks checks, splits) = await splitting.ConfigureAwait(false);
                findings.AddRange(RowFindings.From(checks, spec.Validation));
                if (counts[DatasetSplitter.Train] == 0 || counts[DatasetSplitter.Test] == 0)
                {
                    findings.Add(new ValidationFinding("split-empty", ValidationSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                        $"too few rows for a train/test split ({counts[DatasetSplitter.Train]} train, {counts[DatasetSplitter.Test]} test)")));
                }
            }
        }
        catch (DataFormatException ex)
        {
            // The report names the source once; the exception's message starts with it.
            string message = ex.Message.StartsWith(source + ": ", StringComparison.Ordinal) ? ex.Message[(source.Length + 2)..] : ex.Message;
            findings.Add(new ValidationFinding("format", ValidationSeverity.Error, message, ex.ColumnName, ex.Line));
        }

        var report = new ValidationReport
        {
            Source = source,
            Rows = profile?.RowCount ?? 0,
            LabelledRows = labels.RowsSeen - labels.RowClassesSeen.Count(-1),
            Columns = profile?.Columns.Count ?? 0,
            Findings = findings,
            PersonalData = profile is null ? [] : personal.Flagged(),
            Splits = counts.Sum() == 0 ? null : new SplitSizes(counts[DatasetSplitter.Train], counts[DatasetSplitter.Validation], counts[DatasetSplitter.Test]),
            Profile = profile?.WithoutSamples(),
        };
        var phases = new PreparePhases(converted, firstPass, profileRest, splits);
        return report.Passed
            ? new PreparedLocally(report, profile, layout, paths, counts) { Phases = phases }
            : new PreparedLocally(report, profile, null, [], []) { Phases = phases };
    }

    private static (long[] Counts, RowChecks Checks, TimeSpan Took) WriteSplits(
        string csvPath, string source, CsvReaderOptions csv, CsvColumnSpellings? spellings, FeatureLayout layout, PipelineSpec spec, LabelObserver labels,
        NumericLeakageObserver numericValues, string[] paths, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        byte[] assignment = DatasetSplitter.Assign(labels.RowClassesSeen, spec.Split);
        var checks = new RowChecks(layout, labels.ClassNames.Count, numericValues, assignment.Length);
        long[] counts = SplitWriter.Write(csvPath, source, csv, layout, assignment, labels, paths, checks, spellings, parseInParallel: null, cancellationToken);

        // Counted here, beside the profiler's last pass, rather than after it.
        _ = checks.Duplicates;
        return (counts, checks, clock.Elapsed);
    }

    private static Dictionary<string, ColumnKind> KindOverrides(PipelineSpec spec)
    {
        var kinds = spec.Columns.ToDictionary(c => c.Key, c => c.Value.Kind, StringComparer.Ordinal);
        foreach (string ignored in spec.Ignore)
        {
            kinds[ignored] = ColumnKind.Ignore;
        }

        return kinds;
    }

    /// <summary>The first pass's position as the step's "parse" phase.</summary>
    private sealed class ParseProgress(IProgress<StepProgress> target, long totalBytes) : IProgress<ScanPosition>
    {
        public void Report(ScanPosition value) => target.Report(new StepProgress("parse", value.Bytes, totalBytes, value.Rows));
    }
}
