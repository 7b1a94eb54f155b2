using System.Runtime.ExceptionServices;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Hands each parsed batch's columns to a visitor on two threads at once: the calling thread takes the first half of
/// the columns and a helper thread the second, and <see cref="Visit"/> returns once both are done, so the batch can be
/// reused and the rows counted as before. The profiler's work per value (moments, key histogram, sample, spill) is
/// per column, and on one thread it was slower than the parsing threads feeding it.
/// </summary>
internal sealed class ColumnLanes : IDisposable
{
    private readonly int[] _wanted;
    private readonly int _split;
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
            for (int i = 0; i < _split; i++)
            {
                batch.Visit(i, _wanted[i], _visitor);
            }
        }
        finally
        {
            // The batch is reused once this returns: the helper must be done with it, even when this half failed.
            _done.Wait();
        }

        ExceptionDispatchInfo? error = _helperError;
        _helperError = null;
        error?.Throw();
    }

    public void Dispose()
    {
        _stopping = true;
        _start.Release();
        _helper.Join();
        _start.Dispose();
        _done.Dispose();
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
                CsvValueBatch batch = _batch!;
                for (int i = _split; i < _wanted.Length; i++)
                {
                    batch.Visit(i, _wanted[i], _visitor);
                }
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
