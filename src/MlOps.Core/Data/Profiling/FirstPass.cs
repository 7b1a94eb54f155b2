namespace MlOps.Core.Data.Profiling;

/// <summary>The first pass: counts, moments, key histograms, samples and value frequencies of every column.</summary>
internal sealed class FirstPass(DatasetProfilerOptions options, string sourceName) : IDatasetVisitor, IDisposable
{
    /// <summary>Memory for all columns' fine key histograms (32 KiB per occupied binade of a column).</summary>
    private const long HistogramBudgetBytes = 64L << 20;

    private readonly KeyHistogramBudget _histogramBudget = new(HistogramBudgetBytes);

    private ColumnAccumulator[] _columns = [];

    public IReadOnlyList<ColumnAccumulator> Columns => _columns;

    public InMemoryValueStore Store { get; private set; } = new(0, 0);

    public long RowCount { get; private set; }

    /// <summary>The numbers of this pass for later passes to replay, or null when spilling is off or overflowed.</summary>
    public NumberSpill? Spill { get; private set; }

    public void OnColumns(IReadOnlyList<string> names)
    {
        if (_columns.Length > 0)
        {
            throw new InvalidOperationException($"{sourceName}: the first pass saw two headers.");
        }

        Store = new InMemoryValueStore(names.Count, options.InMemoryValueBudget);
        _columns = [.. names.Select((name, i) => new ColumnAccumulator(i, name, options, Store, _histogramBudget))];
        if (options.SpillDirectory is not null && options.MaxSpillBytes > 0)
        {
            Spill = new NumberSpill(options.SpillDirectory, names, options.MaxSpillBytes, sourceName);
        }
    }

    /// <summary>Ends the pass: the spill is kept only if it holds every number.</summary>
    public void Complete()
    {
        Spill?.Complete();
        if (Spill is { Overflowed: true } || !Store.Exhausted)
        {
            // Either incomplete, or not needed because every number is in memory.
            Spill?.Dispose();
            Spill = null;
        }
    }

    public void Dispose() => Spill?.Dispose();

    public bool WantsColumn(int column) => true;

    public void OnMissing(int column) => _columns[column].AddMissing();

    public void OnNumber(int column, double value, ReadOnlySpan<byte> text)
    {
        _columns[column].AddNumber(value, text);
        Spill?.Add(column, value);
    }

    public void OnText(int column, ReadOnlySpan<byte> utf8) => _columns[column].AddText(utf8);

    public void OnRows(long count)
    {
        RowCount += count;
        Spill?.AddRows(count);
    }
}
