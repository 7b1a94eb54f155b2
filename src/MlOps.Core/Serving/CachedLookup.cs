namespace MlOps.Core.Serving;

/// <summary>
/// A looked-up value with the time it was read, and a claim so that exactly one re-read of it runs once it is stale
/// while every caller keeps using it: under load, or with storage unreachable, requests never queue up behind the read.
/// </summary>
internal sealed class CachedLookup<T>
{
    private int _refreshing;

    public CachedLookup(T value, DateTimeOffset checkedAt)
    {
        Value = value;
        CheckedAt = checkedAt;
    }

    public T Value { get; }

    public DateTimeOffset CheckedAt { get; }

    /// <summary>True for the one caller that should start a re-read of the value; false while one is running.</summary>
    public bool TryClaimRefresh() => Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0;

    /// <summary>Lets the next caller try again (after a failed re-read; a successful one replaces this entry).</summary>
    public void ReleaseRefresh() => Volatile.Write(ref _refreshing, 0);
}
