using MlOps.Core.Data.Csv;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A block of classified CSV values handed from the parsing thread to the profiling thread, column-major, with
/// every non-missing value's bytes copied into an arena (the reader's buffer moves on).
/// </summary>
internal sealed class CsvValueBatch(int columns, int capacity)
{
    private readonly CsvValueKind[] _kinds = new CsvValueKind[columns * capacity];
    private readonly double[] _values = new double[columns * capacity];
    private readonly int[] _starts = new int[columns * capacity];
    private readonly int[] _lengths = new int[columns * capacity];
    private readonly ByteArena _arena = new(capacity * 64);
    private readonly long[] _lines = new long[capacity];
    private int _rowStart;

    public int Capacity => capacity;

    public int Rows { get; private set; }

    public void Clear()
    {
        Rows = 0;
        _arena.Clear();
    }

    /// <summary>Copies the reader's current record into the arena; the row's values then point into it.</summary>
    public void BeginRow(CsvRecordReader reader)
    {
        _rowStart = _arena.Append(reader.CurrentRecordRaw);
        _lines[Rows] = reader.LineNumber;
    }

    /// <summary>The physical line on which row <paramref name="row"/>'s record starts.</summary>
    public long LineOf(int row) => _lines[row];

    /// <summary>Stores column <paramref name="column"/> (0-based among the wanted columns) of the current row.</summary>
    public void Set(int column, int sourceColumn, CsvValueKind kind, double value, CsvRecordReader reader)
    {
        int slot = (column * capacity) + Rows;
        _kinds[slot] = kind;
        _values[slot] = value;
        if (kind == CsvValueKind.Missing)
        {
            _lengths[slot] = 0;
            return;
        }

        if (kind != CsvValueKind.Text && reader.TryGetFieldRange(sourceColumn, out int offset, out int length))
        {
            _starts[slot] = _rowStart + offset;
            _lengths[slot] = length;
            return;
        }

        // Text must be valid UTF-8 (checked here, on the parsing thread, to name its line); unescaped text is not in the raw record.
        ReadOnlySpan<byte> text = kind == CsvValueKind.Text ? reader.GetValidatedUtf8(sourceColumn) : reader.GetFieldUtf8(sourceColumn);
        _lengths[slot] = text.Length;
        _starts[slot] = _arena.Append(text);
    }

    public void EndRow() => Rows++;


    /// <summary>Column <paramref name="column"/>'s kinds, one per row.</summary>
    public ReadOnlySpan<CsvValueKind> Kinds(int column) => _kinds.AsSpan(column * capacity, Rows);

    /// <summary>Column <paramref name="column"/>'s numbers, one per row (meaningful where the kind is a number).</summary>
    public ReadOnlySpan<double> Numbers(int column) => _values.AsSpan(column * capacity, Rows);

    /// <summary>Column <paramref name="column"/>'s value lengths in bytes, one per row (0 where missing).</summary>
    public ReadOnlySpan<int> Lengths(int column) => _lengths.AsSpan(column * capacity, Rows);

    /// <summary>The bytes of column <paramref name="column"/>'s value in row <paramref name="row"/> (not missing).</summary>
    public ReadOnlySpan<byte> Text(int column, int row)
    {
        int slot = (column * capacity) + row;
        return _arena.Slice(_starts[slot], _lengths[slot]);
    }

    /// <summary>Hands one column's values to the visitor: as a block when it takes them so, else one call per value.</summary>
    public void Visit(int column, int sourceColumn, IDatasetVisitor visitor)
    {
        if (visitor is IColumnBatchVisitor columns)
        {
            columns.OnColumnBatch(sourceColumn, this, column);
        }
        else
        {
            Replay(column, sourceColumn, visitor);
        }
    }

    /// <summary>Replays one column's values, in row order, to the visitor.</summary>
    public void Replay(int column, int sourceColumn, IDatasetVisitor visitor)
    {
        int first = column * capacity;
        for (int slot = first; slot < first + Rows; slot++)
        {
            switch (_kinds[slot])
            {
                case CsvValueKind.Missing:
                    visitor.OnMissing(sourceColumn);
                    break;
                case CsvValueKind.Number:
                    visitor.OnNumber(sourceColumn, _values[slot], _arena.Slice(_starts[slot], _lengths[slot]));
                    break;
                default:
                    visitor.OnText(sourceColumn, _arena.Slice(_starts[slot], _lengths[slot]));
                    break;
            }
        }
    }
}
