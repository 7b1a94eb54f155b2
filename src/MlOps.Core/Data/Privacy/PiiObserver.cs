using MlOps.Core.Data.Profiling;

namespace MlOps.Core.Data.Privacy;

/// <summary>
/// Rides along on the profiler's first pass and tests each column's first values against the personal-data patterns.
/// Examining the first <see cref="ValuesPerColumn"/> non-missing values of a column bounds the cost on a large file,
/// and a column that holds e-mail addresses shows it in its first thousands of rows.
/// </summary>
public sealed class PiiObserver : IDatasetVisitor, IColumnBatchVisitor
{
    /// <summary>A column is flagged when at least this share of the values examined match one pattern.</summary>
    public const double FlagShare = 0.5;

    private readonly int _valuesPerColumn;
    private string[] _names = [];
    private bool[] _nameColumns = [];
    private long[] _examined = [];
    private long[,] _matches = new long[0, 0];

    public PiiObserver(int valuesPerColumn = 10_000)
    {
        _valuesPerColumn = valuesPerColumn;
    }

    public int ValuesPerColumn => _valuesPerColumn;

    public void OnColumns(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = [.. names];
        _nameColumns = [.. names.Select(PiiPatterns.IsNameColumn)];
        _examined = new long[names.Count];
        _matches = new long[names.Count, Enum.GetValues<PiiPattern>().Length];
    }

    public bool WantsColumn(int column) => true;

    public void OnMissing(int column)
    {
    }

    // A number's spelling can be a card number, or a phone number written in groups; shorter numbers cannot match.
    public void OnNumber(int column, double value, ReadOnlySpan<byte> text)
    {
        if (_examined[column] < _valuesPerColumn)
        {
            _examined[column]++;
            if (text.Length >= 7)
            {
                Count(column, text);
            }
        }
    }

    public void OnNumbers(int column, ReadOnlySpan<double> values) =>
        _examined[column] = Math.Min(_valuesPerColumn, _examined[column] + values.Length);

    public void OnText(int column, ReadOnlySpan<byte> utf8)
    {
        if (_examined[column] < _valuesPerColumn)
        {
            _examined[column]++;
            Count(column, utf8);
        }
    }

    public void OnRows(long count)
    {
    }

    // Counts are kept per column.
    bool IColumnBatchVisitor.TakesColumnsConcurrently => true;

    // Once a column has had its share examined, its later batches cost nothing.
    void IColumnBatchVisitor.OnColumnBatch(int column, CsvValueBatch batch, int batchColumn)
    {
        if (_examined[column] < _valuesPerColumn)
        {
            batch.Replay(batchColumn, column, this);
        }
    }

    /// <summary>The columns whose values match one pattern in at least <see cref="FlagShare"/> of those examined, in column order.</summary>
    public IReadOnlyList<PiiColumn> Flagged()
    {
        var flagged = new List<PiiColumn>();
        for (int column = 0; column < _names.Length; column++)
        {
            if (_examined[column] == 0)
            {
                continue;
            }

            int best = 0;
            for (int pattern = 1; pattern < _matches.GetLength(1); pattern++)
            {
                if (_matches[column, pattern] > _matches[column, best])
                {
                    best = pattern;
                }
            }

            double share = (double)_matches[column, best] / _examined[column];
            if (share >= FlagShare)
            {
                flagged.Add(new PiiColumn(_names[column], (PiiPattern)best, share, _examined[column]));
            }
        }

        return flagged;
    }

    private void Count(int column, ReadOnlySpan<byte> value)
    {
        if (PiiPatterns.Match(value, _nameColumns[column]) is PiiPattern pattern)
        {
            _matches[column, (int)pattern]++;
        }
    }
}
