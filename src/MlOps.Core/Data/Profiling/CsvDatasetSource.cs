using System.Threading.Channels;
using MlOps.Core.Data.Csv;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A CSV file or blob, reopened through <paramref name="open"/> for each pass. On a machine with more than one
/// core, parsing runs on a second thread ahead of the visitor (blocks of rows handed over through a bounded
/// channel, so memory stays a few blocks whatever the file size).
/// </summary>
public sealed class CsvDatasetSource(Func<Stream> open, string name, CsvReaderOptions? options = null) : IDatasetSource
{
    private const int RowsPerBatch = 1024;
    private const int BatchesInFlight = 3;

    public string Name => name;

    /// <summary>Parse on a second thread; on by default when the machine has more than one core.</summary>
    public bool ParseInParallel { get; init; } = Environment.ProcessorCount > 1;

    /// <summary>
    /// Told the rows and bytes read after every block of rows (a thousand or so), for a step's progress; it must be
    /// cheap, as it is called on the scanning thread.
    /// </summary>
    public IProgress<ScanPosition>? Progress { get; init; }

    public async Task ScanAsync(IDatasetVisitor visitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        Stream stream = open();
        using var reader = new CsvRecordReader(stream, name, options);
        visitor.OnColumns(reader.Header);
        int[] wanted = [.. Enumerable.Range(0, reader.Header.Count).Where(visitor.WantsColumn)];
        if (Progress is not null)
        {
            visitor = new ProgressVisitor(visitor, Progress, stream);
        }

        if (ParseInParallel)
        {
            await ScanInParallelAsync(reader, wanted, visitor, cancellationToken);
        }
        else
        {
            ScanSequentially(reader, wanted, visitor, cancellationToken);
        }
    }

    private static void ScanSequentially(CsvRecordReader reader, int[] wanted, IDatasetVisitor visitor, CancellationToken cancellationToken)
    {
        long rows = 0;
        while (reader.Read())
        {
            foreach (int column in wanted)
            {
                switch (reader.Classify(column, out double value, out ReadOnlySpan<byte> text))
                {
                    case CsvValueKind.Missing:
                        visitor.OnMissing(column);
                        break;
                    case CsvValueKind.Number:
                        visitor.OnNumber(column, value, text);
                        break;
                    default:
                        visitor.OnText(column, reader.GetValidatedUtf8(column));
                        break;
                }
            }

            if (++rows == RowsPerBatch)
            {
                visitor.OnRows(rows);
                rows = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        visitor.OnRows(rows);
    }

    private static async Task ScanInParallelAsync(CsvRecordReader reader, int[] wanted, IDatasetVisitor visitor, CancellationToken cancellationToken)
    {
        var filled = Channel.CreateBounded<CsvValueBatch>(BatchesInFlight);
        var empty = Channel.CreateUnbounded<CsvValueBatch>();
        for (int i = 0; i < BatchesInFlight + 1; i++)
        {
            empty.Writer.TryWrite(new CsvValueBatch(wanted.Length, RowsPerBatch));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task producer = Task.Run(() => ProduceAsync(reader, wanted, filled.Writer, empty.Reader, stop.Token), stop.Token);
        try
        {
            await foreach (CsvValueBatch batch in filled.Reader.ReadAllAsync(stop.Token))
            {
                for (int i = 0; i < wanted.Length; i++)
                {
                    batch.Visit(i, wanted[i], visitor);
                }

                visitor.OnRows(batch.Rows);
                empty.Writer.TryWrite(batch);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static async Task ProduceAsync(
        CsvRecordReader reader, int[] wanted, ChannelWriter<CsvValueBatch> filled, ChannelReader<CsvValueBatch> empty, CancellationToken cancellationToken)
    {
        try
        {
            CsvValueBatch batch = await empty.ReadAsync(cancellationToken);
            batch.Clear();
            while (reader.Read())
            {
                batch.BeginRow(reader);
                for (int i = 0; i < wanted.Length; i++)
                {
                    CsvValueKind kind = reader.Classify(wanted[i], out double value, out _);
                    batch.Set(i, wanted[i], kind, value, reader);
                }

                batch.EndRow();
                if (batch.Rows == batch.Capacity)
                {
                    await filled.WriteAsync(batch, cancellationToken);
                    batch = await empty.ReadAsync(cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Rows > 0)
            {
                await filled.WriteAsync(batch, cancellationToken);
            }

            filled.Complete();
        }
        catch (Exception exception)
        {
            filled.Complete(exception);
        }
    }

    /// <summary>
    /// Passes every call through and reports the position at each block of rows. The parallel scan hands blocks to
    /// a batch visitor, so this wrapper keeps that route open instead of turning each block into single values.
    /// </summary>
    private sealed class ProgressVisitor(IDatasetVisitor inner, IProgress<ScanPosition> progress, Stream stream) : IDatasetVisitor, IColumnBatchVisitor
    {
        private long _rows;

        public void OnColumns(IReadOnlyList<string> names) => inner.OnColumns(names);

        public bool WantsColumn(int column) => inner.WantsColumn(column);

        public void OnMissing(int column) => inner.OnMissing(column);

        public void OnNumber(int column, double value, ReadOnlySpan<byte> text) => inner.OnNumber(column, value, text);

        public void OnNumbers(int column, ReadOnlySpan<double> values) => inner.OnNumbers(column, values);

        public void OnText(int column, ReadOnlySpan<byte> utf8) => inner.OnText(column, utf8);

        public void OnColumnBatch(int column, CsvValueBatch batch, int batchColumn) => batch.Visit(batchColumn, column, inner);

        public void OnRows(long count)
        {
            inner.OnRows(count);
            _rows += count;

            // The parser reads ahead of the visitor, so the position runs a few blocks ahead of the rows: fine for progress.
            progress.Report(new ScanPosition(_rows, stream.CanSeek ? stream.Position : 0));
        }
    }
}
