using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Validation;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>
/// The second pass: writes each labelled row to its split file in a normalised CSV (numbers in round-trip form,
/// missing and unparsable values empty, text quoted only when needed, the label as its class name), so the same
/// data and seed give byte-identical files; the row-level validation checks ride along. As in the profiler's
/// first pass, parsing runs on a second thread ahead of the writing (blocks of rows through a bounded queue).
/// </summary>
public static class SplitWriter
{
    private const int RowsPerBatch = 4096;
    private const int BatchesInFlight = 3;

    /// <param name="parseInParallel">Parse on a second thread; by default when the machine has more than one core.</param>
    public static long[] Write(
        string sourcePath, string sourceName, CsvReaderOptions options, FeatureLayout layout, byte[] assignment, LabelObserver labels,
        IReadOnlyList<string> destinations, RowChecks checks, bool? parseInParallel = null, CancellationToken cancellationToken = default) =>
        Write(sourcePath, sourceName, options, layout, assignment, labels, destinations, checks, spellings: null, parseInParallel, cancellationToken);

    /// <param name="spellings">
    /// What the profiler's scan of this file, with these options, learned of its columns' spellings: the columns it shows
    /// to be written as they stand are not looked at per record.
    /// </param>
    internal static long[] Write(
        string sourcePath, string sourceName, CsvReaderOptions options, FeatureLayout layout, byte[] assignment, LabelObserver labels,
        IReadOnlyList<string> destinations, RowChecks checks, CsvColumnSpellings? spellings, bool? parseInParallel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(destinations);
        ArgumentNullException.ThrowIfNull(checks);
        int[] rowClasses = labels.RowClasses;
        using var rows = new SplitRowWriter(layout, labels.ClassNames, rowClasses, assignment, destinations, checks, copySlices: options.Delimiter == (byte)',');
        using FileStream stream = OpenSequential(sourcePath);
        using var reader = new CsvRecordReader(stream, sourceName, options);
        var plan = new SplitFieldPlan(layout, labels.ClassNames, rowClasses, copyRecords: options.Delimiter == (byte)',', spellings);
        if (parseInParallel ?? Environment.ProcessorCount > 1)
        {
            WriteInParallel(reader, assignment, plan, rows, cancellationToken);
        }
        else
        {
            var batch = new SplitRowBatch(reader.Header.Count, RowsPerBatch);
            long row = 0;
            while (Fill(batch, reader, assignment, plan, ref row))
            {
                rows.Write(batch);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return rows.Counts;
    }

    public static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private static void WriteInParallel(
        CsvRecordReader reader, byte[] assignment, SplitFieldPlan plan, SplitRowWriter rows, CancellationToken cancellationToken)
    {
        using var filled = new BlockingCollection<SplitRowBatch>(BatchesInFlight);
        using var empty = new BlockingCollection<SplitRowBatch>();
        for (int i = 0; i < BatchesInFlight + 1; i++)
        {
            empty.Add(new SplitRowBatch(reader.Header.Count, RowsPerBatch));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? parseError = null;
        var parser = new Thread(() =>
        {
            try
            {
                long row = 0;
                SplitRowBatch batch = empty.Take(stop.Token);
                while (Fill(batch, reader, assignment, plan, ref row))
                {
                    filled.Add(batch, stop.Token);
                    batch = empty.Take(stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                parseError = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                filled.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "split pass parser",
        };
        parser.Start();
        try
        {
            foreach (SplitRowBatch batch in filled.GetConsumingEnumerable(cancellationToken))
            {
                rows.Write(batch);
                empty.Add(batch);
            }
        }
        finally
        {
            // On a write error the parser may be waiting for an empty batch: stop it before the reader is disposed.
            stop.Cancel();
            parser.Join();
        }

        parseError?.Throw();

        // The parser stops quietly when cancelled, so the writer may have seen every batch it made.
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Fills the batch with the next labelled rows (skipping excluded ones); false when no rows were left.</summary>
    private static bool Fill(SplitRowBatch batch, CsvRecordReader reader, byte[] assignment, SplitFieldPlan plan, ref long row)
    {
        batch.Clear();
        while (!batch.IsFull && reader.Read())
        {
            if (row >= assignment.Length)
            {
                throw new InvalidOperationException($"{reader.SourceName} has more rows on the second pass than on the first ({assignment.Length}).");
            }

            long current = row++;
            if (assignment[current] != DatasetSplitter.Excluded)
            {
                batch.Add(reader, current, plan);
            }
        }

        return batch.Rows > 0;
    }
}
