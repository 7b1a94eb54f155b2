namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Memory shared by all columns' fine key histograms: each occupied binade of a column takes one fine array until
/// the budget is spent, after which new binades are only counted coarsely (costing a refinement pass if a
/// quantile lands there). Columns may draw on it from several threads at once.
/// </summary>
internal sealed class KeyHistogramBudget(long bytes)
{
    private long _remaining = bytes;

    public bool TryTake(long size)
    {
        long remaining = Volatile.Read(ref _remaining);
        while (remaining >= size)
        {
            long seen = Interlocked.CompareExchange(ref _remaining, remaining - size, remaining);
            if (seen == remaining)
            {
                return true;
            }

            remaining = seen;
        }

        return false;
    }

    public void Return(long size) => Interlocked.Add(ref _remaining, size);
}
