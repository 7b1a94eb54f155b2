using System.Runtime.InteropServices;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Profiling;

namespace MlOps.Core.Data.Validation;

/// <summary>
/// Rides along on the profiler's first pass with the <see cref="LabelObserver"/> and gathers what the leakage check
/// needs of every numeric value, so the split pass need not parse numbers again: per column and label class the
/// smallest and largest value (classification), or the sums for the correlation with the target (regression).
/// Rows without a label are left out, as they are from the splits. A value waits until its row's label has been seen
/// (a CSV batch is replayed column by column), then is folded in, in row order.
/// </summary>
public sealed class NumericLeakageObserver : IDatasetVisitor, IColumnBatchVisitor
{
    private readonly LabelObserver _labels;
    private readonly bool _regression;
    private double[][] _pending = [];
    private int[] _pendingCount = [];
    private int[] _nextRow = []; // the row of each column's first pending value
    private double[][] _min = [];
    private double[][] _max = [];
    private double[][] _sums = [];

    public NumericLeakageObserver(LabelObserver labels, bool regression)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = labels;
        _regression = regression;
    }

    public void OnColumns(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        int count = names.Count;
        _pending = new double[count][];
        _pendingCount = new int[count];
        _nextRow = new int[count];
        _min = new double[count][];
        _max = new double[count][];
        _sums = new double[count][];
        for (int c = 0; c < count; c++)
        {
            _pending[c] = [];
            _min[c] = [];
            _max[c] = [];
            _sums[c] = new double[6];
        }
    }

    /// <summary>Every column but the label (whose observer must see the header first).</summary>
    public bool WantsColumn(int column) => !_labels.WantsColumn(column);

    public void OnMissing(int column) => Add(column, double.NaN);

    public void OnNumber(int column, double value, ReadOnlySpan<byte> text) => Add(column, value);

    public void OnText(int column, ReadOnlySpan<byte> utf8) => Add(column, double.NaN);

    // A batch only queues each column's values; they are folded in by OnRows, once every column's share of the rows is in.
    bool IColumnBatchVisitor.TakesColumnsConcurrently => true;

    void IColumnBatchVisitor.OnColumnBatch(int column, CsvValueBatch batch, int batchColumn)
    {
        ReadOnlySpan<CsvValueKind> kinds = batch.Kinds(batchColumn);
        ReadOnlySpan<double> numbers = batch.Numbers(batchColumn);
        if (MemoryMarshal.AsBytes(kinds).IndexOfAnyExcept((byte)CsvValueKind.Number) < 0)
        {
            AddAll(column, numbers);
            return;
        }

        for (int row = 0; row < kinds.Length; row++)
        {
            Add(column, kinds[row] == CsvValueKind.Number ? numbers[row] : double.NaN);
        }
    }

    public void OnRows(long count)
    {
        for (int c = 0; c < _pending.Length; c++)
        {
            Fold(c);
        }
    }

    /// <summary>
    /// The smallest and largest number in <paramref name="column"/> among rows of class <paramref name="labelClass"/>;
    /// (+∞, −∞) when there was none.
    /// </summary>
    public (double Min, double Max) Range(int column, int labelClass)
    {
        Fold(column);
        return labelClass < _min[column].Length ? (_min[column][labelClass], _max[column][labelClass]) : (double.PositiveInfinity, double.NegativeInfinity);
    }

    /// <summary>Regression, over rows with a numeric target and a number in <paramref name="column"/>: n, Σx, Σy, Σxy, Σx², Σy².</summary>
    public IReadOnlyList<double> Sums(int column)
    {
        Fold(column);
        return _sums[column];
    }

    private void Add(int column, double value)
    {
        ref double[] pending = ref _pending[column];
        if (_pendingCount[column] == pending.Length)
        {
            Array.Resize(ref pending, Math.Max(1024, pending.Length * 2));
        }

        // NaN marks a row without a number: sources report only finite numbers.
        pending[_pendingCount[column]++] = value;
    }

    private void AddAll(int column, ReadOnlySpan<double> values)
    {
        ref double[] pending = ref _pending[column];
        int count = _pendingCount[column];
        if (count + values.Length > pending.Length)
        {
            Array.Resize(ref pending, Math.Max(Math.Max(1024, pending.Length * 2), count + values.Length));
        }

        values.CopyTo(pending.AsSpan(count));
        _pendingCount[column] = count + values.Length;
    }

    /// <summary>Folds in the column's pending values whose rows' labels have been seen.</summary>
    private void Fold(int column)
    {
        int count = _pendingCount[column];
        int ready = Math.Min(count, _labels.RowsSeen - _nextRow[column]);
        if (ready <= 0)
        {
            return;
        }

        ReadOnlySpan<double> pending = _pending[column].AsSpan(0, ready);
        int first = _nextRow[column];
        ReadOnlySpan<int> classes = _labels.RowClassesSeen.Slice(first, ready);
        if (_regression)
        {
            ReadOnlySpan<double> targets = _labels.ValuesSeen.Slice(first, ready);
            double[] sums = _sums[column];
            for (int i = 0; i < pending.Length; i++)
            {
                double x = pending[i];
                if (double.IsNaN(x) || classes[i] < 0)
                {
                    continue;
                }

                double y = targets[i];
                sums[0]++;
                sums[1] += x;
                sums[2] += y;
                sums[3] += x * y;
                sums[4] += x * x;
                sums[5] += y * y;
            }
        }
        else
        {
            double[] min = _min[column];
            double[] max = _max[column];
            for (int i = 0; i < pending.Length; i++)
            {
                double x = pending[i];
                int labelClass = classes[i];
                if (double.IsNaN(x) || labelClass < 0)
                {
                    continue;
                }

                if (labelClass >= min.Length)
                {
                    Grow(column, labelClass + 1);
                    (min, max) = (_min[column], _max[column]);
                }

                // x is a number here, so plain comparisons do (Math.Min's NaN handling costs a share of this loop).
                if (x < min[labelClass])
                {
                    min[labelClass] = x;
                }

                if (x > max[labelClass])
                {
                    max[labelClass] = x;
                }
            }
        }

        double[] all = _pending[column];

        all.AsSpan(ready, count - ready).CopyTo(all);
        _pendingCount[column] = count - ready;
        _nextRow[column] = first + ready;
    }

    private void Grow(int column, int classes)
    {
        int old = _min[column].Length;
        int size = Math.Max(classes, old * 2);
        Array.Resize(ref _min[column], size);
        Array.Resize(ref _max[column], size);
        _min[column].AsSpan(old).Fill(double.PositiveInfinity);
        _max[column].AsSpan(old).Fill(double.NegativeInfinity);
    }
}
