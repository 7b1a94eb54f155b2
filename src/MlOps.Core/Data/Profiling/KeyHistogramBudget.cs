namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Memory shared by all columns' fine key histograms: each occupied binade of a column takes one fine array until
/// the budget is spent, after which new binades are only counted coarsely (costing a refinement pass if a
/// quantile lands there).
/// </summary>
internal sealed class KeyHistogramBudget(long bytes)
{
    private long _remaining = bytes;

    public bool TryTake(long size)
    {
        if (_remaining < size)
        {
            return false;
        }

        _remaining -= size;
        return true;
    }

    public void Return(long size) => _remaining += size;
}
