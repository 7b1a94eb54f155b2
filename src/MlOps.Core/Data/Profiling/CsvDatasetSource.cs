using System.Collections.Concurrent;
using System.Threading.Channels;
using MlOps.Core.Data.Csv;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A CSV file or blob, reopened through <paramref name="open"/> for each pass. On a machine with more than one
/// core, the file is cut into chunks of whole records that parsing threads take in turn, ahead of the visitor (blocks
/// of rows handed over in file order, a few chunks in flight, so memory stays a few chunks whatever the file size).
/// </summary>
public sealed class CsvDatasetSource(Func<Stream> open, string name, CsvReaderOptions? options = null) : IDatasetSource
{
    private const int RowsPerBatch = 1024;

    public string Name => name;

    /// <summary>Parse on other threads than the visitor's; on by default when the machine has more than one core.</summary>
    public bool ParseInParallel { get; init; } = Environment.ProcessorCount > 1;

    /// <summary>
    /// Told the rows and bytes read after every block of rows (a thousand or so), for a step's progress; it must be
    /// cheap, as it is called on the scanning thread.
    /// </summary>
    public IProgress<ScanPosition>? Progress { get; init; }

    /// <summary>Threads that parse when <see cref="ParseInParallel"/>: by default as many as the cores, up to four.</summary>
    internal int ParseThreads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>About how many bytes of the file one parsing thread takes at a time.</summary>
    internal int ChunkBytes { get; init; } = 768 * 1024;

    /// <summary>How the columns' values are spelled, from the complete scans so far (null before the first).</summary>
    internal CsvColumnSpellings? Spellings { get; private set; }

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

        var spellings = new CsvColumnSpellings(reader.Header.Count);
        if (ParseInParallel)
        {
            await ScanInParallelAsync(reader, wanted, visitor, spellings, cancellationToken);
        }
        else
        {
            ScanSequentially(reader, wanted, visitor, spellings, cancellationToken);
        }

        spellings.Examined(wanted);
        if (Spellings is null)
        {
            Spellings = spellings;
        }
        else
        {
            Spellings.Add(spellings);
        }
    }

    private static void ScanSequentially(
        CsvRecordReader reader, int[] wanted, IDatasetVisitor visitor, CsvColumnSpellings spellings, CancellationToken cancellationToken)
    {
        long rows = 0;
        while (reader.Read())
        {
            foreach (int column in wanted)
            {
                CsvValueKind kind = reader.Classify(column, out double value, out ReadOnlySpan<byte> text, out bool plainNumber);
                spellings.Note(column, kind, text.Length, plainNumber);
                switch (kind)
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

    private async Task ScanInParallelAsync(
        CsvRecordReader reader, int[] wanted, IDatasetVisitor visitor, CsvColumnSpellings spellings, CancellationToken cancellationToken)
    {
        var scan = new ChunkedScan(reader, wanted, name, options ?? new CsvReaderOptions(), ChunkBytes, Math.Max(1, ParseThreads));
        await scan.RunAsync(visitor, cancellationToken);
        scan.AddSpellingsTo(spellings);
    }

    /// <summary>
    /// Several threads parse chunks of whole records (see <see cref="CsvChunker"/>) into blocks of classified values;
    /// the visitor takes the chunks' blocks in file order on the calling thread (and, when it can take different columns
    /// at once, half of each block's columns on a second thread: see <see cref="ColumnLanes"/>). A few chunks are in flight at a time, so
    /// memory stays bounded whatever the file size; a chunk's failure is reported when its turn comes, so the first
    /// error in the file is the one reported, with the line the reader found it on.
    /// </summary>
    private sealed class ChunkedScan(CsvRecordReader reader, int[] wanted, string name, CsvReaderOptions options, int chunkBytes, int threads)
    {
        private readonly CsvChunker _chunker = new(reader, chunkBytes);
        private readonly string[] _header = [.. reader.Header];
        private readonly Channel<Task<List<CsvValueBatch>>> _order = Channel.CreateUnbounded<Task<List<CsvValueBatch>>>();
        private readonly ConcurrentBag<CsvValueBatch> _batches = [];
        private readonly CsvColumnSpellings[] _spellings = [.. Enumerable.Range(0, threads).Select(_ => new CsvColumnSpellings(reader.Header.Count))];
        private readonly Lock _gate = new();
        private bool _cutting = true;

        public async Task RunAsync(IDatasetVisitor visitor, CancellationToken cancellationToken)
        {
            // A chunk per thread being parsed, and two parsed ahead of the visitor.
            using var inFlight = new SemaphoreSlim(_spellings.Length + 2);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Dedicated threads: parsers that held pool threads for the whole scan would starve the visitor's continuations.
            Task[] parsers = [.. _spellings.Select((spellings, i) => StartParser(inFlight, spellings, $"CSV parser {i + 1}", stop.Token))];
            using ColumnLanes? lanes = ColumnLanes.Suit(visitor, wanted.Length) ? new ColumnLanes(wanted, visitor, "CSV column visitor") : null;
            try
            {
                long rows = 0;
                await foreach (Task<List<CsvValueBatch>> chunk in _order.Reader.ReadAllAsync(stop.Token))
                {
                    foreach (CsvValueBatch batch in await chunk)
                    {
                        if (rows + batch.Rows > options.MaxRows)
                        {
                            throw CsvRecordReader.TooManyRows(name, batch.LineOf((int)(options.MaxRows - rows)), options.MaxRows);
                        }

                        if (lanes is not null)
                        {
                            lanes.Visit(batch);
                        }
                        else
                        {
                            for (int i = 0; i < wanted.Length; i++)
                            {
                                batch.Visit(i, wanted[i], visitor);
                            }
                        }

                        visitor.OnRows(batch.Rows);
                        rows += batch.Rows;
                        _batches.Add(batch);
                    }

                    inFlight.Release();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(parsers).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        public void AddSpellingsTo(CsvColumnSpellings spellings)
        {
            foreach (CsvColumnSpellings parsed in _spellings)
            {
                spellings.Add(parsed);
            }
        }

        private Task StartParser(SemaphoreSlim inFlight, CsvColumnSpellings spellings, string threadName, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    ParseChunks(inFlight, spellings, cancellationToken);
                    done.SetResult();
                }
                catch (OperationCanceledException)
                {
                    done.SetResult();
                }
                catch (Exception exception)
                {
                    // Not a chunk's failure (those wait for their turn): the visitor must not wait for chunks that will not come.
                    _order.Writer.TryComplete(exception);
                    done.SetException(exception);
                }
            })
            {
                IsBackground = true,
                Name = threadName,
            };
            thread.Start();
            return done.Task;
        }

        private void ParseChunks(SemaphoreSlim inFlight, CsvColumnSpellings spellings, CancellationToken cancellationToken)
        {
            while (true)
            {
                inFlight.Wait(cancellationToken);
                CsvChunk chunk;
                TaskCompletionSource<List<CsvValueBatch>> parsed;
                lock (_gate)
                {
                    if (!_cutting)
                    {
                        return;
                    }

                    // Taken and queued under one lock, so the chunks queue in file order.
                    parsed = new TaskCompletionSource<List<CsvValueBatch>>(TaskCreationOptions.RunContinuationsAsynchronously);
                    CsvChunk? next;
                    try
                    {
                        next = _chunker.Next();
                    }
                    catch (Exception exception)
                    {
                        _cutting = false;
                        _order.Writer.TryWrite(parsed.Task);
                        _order.Writer.TryComplete();
                        parsed.SetException(exception);
                        return;
                    }

                    if (next is not CsvChunk taken)
                    {
                        _cutting = false;
                        _order.Writer.TryComplete();
                        return;
                    }

                    chunk = taken;
                    _order.Writer.TryWrite(parsed.Task);
                }

                try
                {
                    parsed.SetResult(Parse(chunk, spellings, cancellationToken));
                }
                catch (Exception exception)
                {
                    parsed.SetException(exception);
                }
            }
        }

        private List<CsvValueBatch> Parse(CsvChunk chunk, CsvColumnSpellings spellings, CancellationToken cancellationToken)
        {
            using var chunkReader = new CsvRecordReader(chunk.Buffer, chunk.Length, chunk.Complete, name, options, _header, chunk.FirstLine);
            var batches = new List<CsvValueBatch>();
            CsvValueBatch batch = EmptyBatch();
            while (chunkReader.Read())
            {
                batch.BeginRow(chunkReader);
                for (int i = 0; i < wanted.Length; i++)
                {
                    CsvValueKind kind = chunkReader.Classify(wanted[i], out double value, out ReadOnlySpan<byte> text, out bool plainNumber);
                    spellings.Note(wanted[i], kind, text.Length, plainNumber);
                    batch.Set(i, wanted[i], kind, value, chunkReader);
                }

                batch.EndRow();
                if (batch.Rows == batch.Capacity)
                {
                    batches.Add(batch);
                    batch = EmptyBatch();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            if (batch.Rows > 0)
            {
                batches.Add(batch);
            }
            else
            {
                _batches.Add(batch);
            }

            return batches;
        }

        private CsvValueBatch EmptyBatch()
        {
            if (!_batches.TryTake(out CsvValueBatch? batch))
            {
                batch = new CsvValueBatch(wanted.Length, RowsPerBatch);
            }

            batch.Clear();
            return batch;
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

        public bool TakesColumnsConcurrently => inner is IColumnBatchVisitor { TakesColumnsConcurrently: true };

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
