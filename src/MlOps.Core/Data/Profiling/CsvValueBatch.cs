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
    }

    /// <summary>Stores column <paramref name="column"/> (0-based among the wanted columns) of the current row.</summary>
    public void Set(int column, int sourceColumn, CsvValueKind kind, double value, CsvRecordReader reader)
    {
        int slot = (column * capacity) + Rows;
        _kinds[slot] = kind;
        _values[slot] = value;
        if (kind == CsvValueKind.Missing)
        {
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
