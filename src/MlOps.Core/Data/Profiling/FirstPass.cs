using System.Runtime.InteropServices;
using MlOps.Core.Data.Csv;

namespace MlOps.Core.Data.Profiling;

/// <summary>The first pass: counts, moments, key histograms, samples and value frequencies of every column.</summary>
internal sealed class FirstPass(DatasetProfilerOptions options, string sourceName) : IDatasetVisitor, IColumnBatchVisitor, IDisposable
{
    /// <summary>Memory for all columns' fine key histograms (32 KiB per occupied binade of a column).</summary>
    private const long HistogramBudgetBytes = 64L << 20;

    private readonly KeyHistogramBudget _histogramBudget = new(HistogramBudgetBytes);

    private ColumnAccumulator[] _columns = [];

    // Per column, as columns may be visited at the same time.
    private double[][] _compactNumbers = [];
    private int[][] _compactLengths = [];

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
        _compactNumbers = [.. names.Select(_ => Array.Empty<double>())];
        _compactLengths = [.. names.Select(_ => Array.Empty<int>())];
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

    // Each column's statistics are its own; the value store, the histogram budget and the spill file guard what they share.
    public bool TakesColumnsConcurrently => true;

    public void OnMissing(int column) => _columns[column].AddMissing();

    public void OnNumber(int column, double value, ReadOnlySpan<byte> text)
    {
        _columns[column].AddNumber(value, text);
        Spill?.Add(column, value);
    }

    public void OnText(int column, ReadOnlySpan<byte> utf8) => _columns[column].AddText(utf8);

    /// <summary>Copies the block's numbers and their spellings' lengths, in order, to the front of the column's compaction buffers.</summary>
    private int CompactNumbers(int column, ReadOnlySpan<CsvValueKind> kinds, ReadOnlySpan<double> numbers, ReadOnlySpan<int> lengths)
    {
        if (_compactNumbers[column].Length < kinds.Length)
        {
            _compactNumbers[column] = new double[kinds.Length];
            _compactLengths[column] = new int[kinds.Length];
        }

        double[] compactNumbers = _compactNumbers[column];
        int[] compactLengths = _compactLengths[column];
        int count = 0;
        for (int row = 0; row < kinds.Length; row++)
        {
            if (kinds[row] == CsvValueKind.Number)
            {
                compactNumbers[count] = numbers[row];
                compactLengths[count++] = lengths[row];
            }
        }

        return count;
    }

    public void OnColumnBatch(int column, CsvValueBatch batch, int batchColumn)
    {
        ColumnAccumulator accumulator = _columns[column];
        ReadOnlySpan<CsvValueKind> kinds = batch.Kinds(batchColumn);
        ReadOnlySpan<double> numbers = batch.Numbers(batchColumn);
        if (accumulator.Values.IsAbandoned && MemoryMarshal.AsBytes(kinds).IndexOf((byte)CsvValueKind.Text) < 0)
        {
            // The common block: numbers and missing values, in a column whose frequencies were dropped (they would need
            // each spelling); each statistic takes the block's numbers whole, in order.
            ReadOnlySpan<int> lengths = batch.Lengths(batchColumn);
            if (MemoryMarshal.AsBytes(kinds).IndexOf((byte)CsvValueKind.Missing) >= 0)
            {
                int count = CompactNumbers(column, kinds, numbers, lengths);
                numbers = _compactNumbers[column].AsSpan(0, count);
                lengths = _compactLengths[column].AsSpan(0, count);
                accumulator.AddMissing(kinds.Length - count);
            }

            accumulator.AddNumbers(numbers, lengths);
            Spill?.AddAll(column, numbers);
            return;
        }

        for (int row = 0; row < kinds.Length; row++)
        {
            switch (kinds[row])
            {
                case CsvValueKind.Missing:
                    accumulator.AddMissing();
                    break;
                case CsvValueKind.Number:
                    accumulator.AddNumber(numbers[row], batch.Text(batchColumn, row));
                    Spill?.Add(column, numbers[row]);
                    break;
                default:
                    accumulator.AddText(batch.Text(batchColumn, row));
                    break;
            }
        }
    }

    public void OnRows(long count)
    {
        RowCount += count;
        Spill?.AddRows(count);
    }
}
