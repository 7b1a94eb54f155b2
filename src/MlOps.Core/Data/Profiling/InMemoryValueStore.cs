namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Keeps every column's numbers while their total stays within a budget, so small datasets get exact quantiles
/// from one pass. Past the budget all kept values are released and the profiler takes the two-pass route. Columns
/// may add from several threads at once (each column from one at a time): whether the budget was exceeded depends
/// only on the total, never on the order the columns came in.
/// </summary>
internal sealed class InMemoryValueStore(int columns, long budget)
{
    private readonly List<double>?[] _values = new List<double>?[columns];
    private long _total;
    private volatile bool _exhausted;

    public bool Exhausted => _exhausted;

    public void Add(int column, double value)
    {
        if (_exhausted)
        {
            return;
        }

        if (Interlocked.Increment(ref _total) > budget)
        {
            Exhaust();
            return;
        }

        (_values[column] ??= []).Add(value);
    }

    /// <summary><see cref="Add"/> for each value in turn.</summary>
    public void AddAll(int column, ReadOnlySpan<double> values)
    {
        if (_exhausted)
        {
            return;
        }

        if (Interlocked.Add(ref _total, values.Length) > budget)
        {
            Exhaust();
            return;
        }

        (_values[column] ??= []).AddRange(values);
    }

    /// <summary>All of the column's numbers, or null when the budget was exceeded.</summary>
    public List<double>? ValuesOf(int column) => _exhausted ? null : _values[column] ?? [];

    // A column on another thread may still append to its list after this; once exhausted, no list is ever read.
    private void Exhaust()
    {
        _exhausted = true;
        Array.Clear(_values);
    }
}
