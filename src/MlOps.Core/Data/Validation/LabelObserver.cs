using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using MlOps.Core.Data.Profiling;

namespace MlOps.Core.Data.Validation;

/// <summary>
/// Watches only the label column during the profiler's first pass: each row's class (or, for regression, its value)
/// in row order, so stratified splits and per-class checks need no extra pass.
/// </summary>
public sealed class LabelObserver : IDatasetVisitor, IColumnBatchVisitor
{
    private const int MaxClasses = 1_000;

    private readonly string _label;
    private readonly bool _classify;
    private readonly Dictionary<string, int> _classes = new(StringComparer.Ordinal);
    private readonly List<string> _classNames = [];
    private readonly List<int> _rowClasses = [];
    private readonly List<double> _values = [];

    // The class of each spelling seen (a label column repeats a few spellings a million times): no string per row.
    private readonly Dictionary<byte[], int> _spellings = new(Utf8KeyComparer.Instance);
    private int _column = -1;

    public LabelObserver(string label, bool classify)
    {
        _label = label;
        _classify = classify;
    }

    public bool Found => _column >= 0;

    /// <summary>Per row: its class index, or -1 when the label is missing (or, for regression, not a number).</summary>
    public int[] RowClasses => [.. _rowClasses];

    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>Regression: the label per row (NaN when missing); empty when classifying, which needs only the classes.</summary>
    public IReadOnlyList<double> Values => _values;

    public bool TooManyClasses { get; private set; }

    /// <summary>Rows whose label has been seen so far.</summary>
    internal int RowsSeen => _rowClasses.Count;

    /// <summary>The classes of the rows seen so far, in row order.</summary>
    internal ReadOnlySpan<int> RowClassesSeen => CollectionsMarshal.AsSpan(_rowClasses);

    /// <summary>Regression: the labels of the rows seen so far, in row order (empty when classifying).</summary>
    internal ReadOnlySpan<double> ValuesSeen => CollectionsMarshal.AsSpan(_values);

    public void OnColumns(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _column = -1;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == _label)
            {
                _column = i;
            }
        }
    }

    public bool WantsColumn(int column) => column == _column;

    public void OnMissing(int column)
    {
        _rowClasses.Add(-1);
        AddValue(double.NaN);
    }

    public void OnNumber(int column, double value, ReadOnlySpan<byte> text)
    {
        AddValue(value);
        if (_classify && text.IsEmpty)
        {
            AddClass(value.ToString("R", CultureInfo.InvariantCulture));
        }
        else if (_classify)
        {
            AddSpelling(text);
        }
        else
        {
            _rowClasses.Add(0);
        }
    }

    public void OnText(int column, ReadOnlySpan<byte> utf8)
    {
        AddValue(double.NaN);
        if (_classify)
        {
            AddSpelling(utf8);
        }
        else
        {
            _rowClasses.Add(-1);
        }
    }

    public void OnRows(long count)
    {
    }

    // It takes one column only, so no two of its calls ever overlap.
    bool IColumnBatchVisitor.TakesColumnsConcurrently => true;

    void IColumnBatchVisitor.OnColumnBatch(int column, CsvValueBatch batch, int batchColumn) => batch.Replay(batchColumn, column, this);

    private void AddValue(double value)
    {
        if (!_classify)
        {
            _values.Add(value);
        }
    }

    private void AddSpelling(ReadOnlySpan<byte> spelling)
    {
        Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> known = _spellings.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (known.TryGetValue(spelling, out int index))
        {
            _rowClasses.Add(index);
            return;
        }

        AddClass(Encoding.UTF8.GetString(spelling).Trim());

        // Spellings of a known class only (never of a row left out), and no more of them than classes allow.
        if (_rowClasses[^1] >= 0 && _spellings.Count < 4 * MaxClasses)
        {
            known[spelling] = _rowClasses[^1];
        }
    }

    private void AddClass(string name)
    {
        if (!_classes.TryGetValue(name, out int index))
        {
            if (_classes.Count >= MaxClasses)
            {
                TooManyClasses = true;
                _rowClasses.Add(-1);
                return;
            }

            _classes[name] = index = _classNames.Count;
            _classNames.Add(name);
        }

        _rowClasses.Add(index);
    }
}
