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
    private byte[] _arena = new byte[capacity * 64];
    private int _arenaLength;

    public int Capacity => capacity;

    public int Rows { get; private set; }

    public void Clear()
    {
        Rows = 0;
        _arenaLength = 0;
    }

    /// <summary>Stores column <paramref name="column"/> (0-based among the wanted columns) of the next row.</summary>
    public void Set(int column, CsvValueKind kind, double value, ReadOnlySpan<byte> text)
    {
        int slot = (column * capacity) + Rows;
        _kinds[slot] = kind;
        _values[slot] = value;
        if (kind == CsvValueKind.Missing)
        {
            return;
        }

        if (_arenaLength + text.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + text.Length));
        }

        text.CopyTo(_arena.AsSpan(_arenaLength));
        _starts[slot] = _arenaLength;
        _lengths[slot] = text.Length;
        _arenaLength += text.Length;
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
                    visitor.OnNumber(sourceColumn, _values[slot], _arena.AsSpan(_starts[slot], _lengths[slot]));
                    break;
                default:
                    visitor.OnText(sourceColumn, _arena.AsSpan(_starts[slot], _lengths[slot]));
                    break;
            }
        }
    }
}
