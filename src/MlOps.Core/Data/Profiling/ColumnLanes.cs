using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Hands each parsed batch's columns to a visitor on two threads at once: the calling thread takes the columns before
/// a split point and a helper thread the rest, and <see cref="Visit"/> returns once both are done, so the batch can be
/// reused and the rows counted as before. The profiler's work per value (moments, key histogram, sample, spill) is
/// per column, and on one thread it was slower than the parsing threads feeding it. Columns cost unequal work (text
/// is counted value by value, numbers a block at a time), so the split point follows the time each column took.
/// </summary>
internal sealed class ColumnLanes : IDisposable
{
    private const int BatchesPerRebalance = 32;

    private readonly int[] _wanted;
    private readonly long[] _ticks;
    private int _split;
    private int _batches;
    private readonly IDatasetVisitor _visitor;
    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private readonly Thread _helper;
    private CsvValueBatch? _batch;
    private ExceptionDispatchInfo? _helperError;
    private volatile bool _stopping;

    /// <param name="wanted">The source columns of the batches' columns, in order.</param>
    public ColumnLanes(int[] wanted, IDatasetVisitor visitor, string threadName)
    {
        _wanted = wanted;
        _ticks = new long[wanted.Length];
        _split = wanted.Length / 2;
        _visitor = visitor;
        _helper = new Thread(VisitSecondHalf) { IsBackground = true, Name = threadName };
        _helper.Start();
    }

    /// <summary>Whether the visitor can take different columns at once, and there are at least two to share.</summary>
    public static bool Suit(IDatasetVisitor visitor, int columns) =>
        columns >= 2 && visitor is IColumnBatchVisitor { TakesColumnsConcurrently: true };

    /// <summary>
    /// Every column of the batch, in row order each. Should both halves fail, the first half's failure is the one
    /// thrown, as one thread visiting the columns in order would have met it first.
    /// </summary>
    public void Visit(CsvValueBatch batch)
    {
        _batch = batch;
        _start.Release();
        try
        {
            VisitColumns(batch, 0, _split);
        }
        finally
        {
            // The batch is reused once this returns: the helper must be done with it, even when this half failed.
            _done.Wait();
        }

        ExceptionDispatchInfo? error = _helperError;
        _helperError = null;
        error?.Throw();
        if (++_batches % BatchesPerRebalance == 0)
        {
            Rebalance();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _start.Release();
        _helper.Join();
        _start.Dispose();
        _done.Dispose();
    }

    private void VisitColumns(CsvValueBatch batch, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            long started = Stopwatch.GetTimestamp();
            batch.Visit(i, _wanted[i], _visitor);
            _ticks[i] += Stopwatch.GetTimestamp() - started;
        }
    }

    /// <summary>Moves the split point to where the columns' times so far fall about evenly on both sides (one column at least each).</summary>
    private void Rebalance()
    {
        long total = _ticks.Sum();
        long before = _ticks[0];
        int split = 1;
        while (split < _ticks.Length - 1 && Math.Abs((2 * (before + _ticks[split])) - total) < Math.Abs((2 * before) - total))
        {
            before += _ticks[split++];
        }

        _split = split;
    }

    private void VisitSecondHalf()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping)
            {
                return;
            }

            try
            {
                VisitColumns(_batch!, _split, _wanted.Length);
            }
            catch (Exception exception)
            {
                _helperError = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                _done.Release();
            }
        }
    }
}
