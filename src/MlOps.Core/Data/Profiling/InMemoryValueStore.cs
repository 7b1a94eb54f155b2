namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Keeps every column's numbers while their total stays within a budget, so small datasets get exact quantiles
/// from one pass. Past the budget all kept values are released and the profiler takes the two-pass route.
/// </summary>
internal sealed class InMemoryValueStore(int columns, long budget)
{
    private readonly List<double>?[] _values = new List<double>?[columns];
    private long _total;

    public bool Exhausted { get; private set; }

    public void Add(int column, double value)
    {
        if (Exhausted)
        {
            return;
        }

        if (++_total > budget)
        {
            Exhausted = true;
            Array.Clear(_values);
            return;
        }

        (_values[column] ??= []).Add(value);
    }

    /// <summary><see cref="Add"/> for each value in turn.</summary>
    public void AddAll(int column, ReadOnlySpan<double> values)
    {
        if (Exhausted)
        {
            return;
        }

        if (_total + values.Length > budget)
        {
            _total = budget + 1;
            Exhausted = true;
            Array.Clear(_values);
            return;
        }

        _total += values.Length;
        (_values[column] ??= []).AddRange(values);
    }

    /// <summary>All of the column's numbers, or null when the budget was exceeded.</summary>
    public List<double>? ValuesOf(int column) => Exhausted ? null : _values[column] ?? [];
}
