using MlOps.Core.Data.Csv;

namespace MlOps.Core.Data;

/// <summary>
/// A block of parsed rows handed from the split pass's parsing thread to its writing thread, row-major: each row's
/// raw record copied into an arena, and per field its classification (missing, number, text), its value when it must be
/// formatted, and where
/// its bytes are. Reused between blocks, so the split pass allocates nothing per row.
/// </summary>
internal sealed class SplitRowBatch
{
    private readonly int _fields;
    private readonly int _capacity;
    private readonly long[] _rowIndex;
    private readonly int[] _recordStart;
    private readonly int[] _recordLength;
    private readonly CsvValueKind[] _kinds;
    private readonly double[] _values;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly bool[] _inRecord;
    private readonly bool[] _copyable;
    private readonly ByteArena _arena;

    public SplitRowBatch(int fields, int capacity)
    {
        _fields = fields;
        _capacity = capacity;
        _rowIndex = new long[capacity];
        _recordStart = new int[capacity];
        _recordLength = new int[capacity];
        _kinds = new CsvValueKind[fields * capacity];
        _values = new double[fields * capacity];
        _starts = new int[fields * capacity];
        _lengths = new int[fields * capacity];
        _inRecord = new bool[fields * capacity];
        _copyable = new bool[capacity];
        _arena = new ByteArena(capacity * 256);
    }

    public int Rows { get; private set; }

    public bool IsFull => Rows == _capacity;

    public void Clear()
    {
        Rows = 0;
        _arena.Clear();
    }

    /// <summary>
    /// Copies the reader's current record (row <paramref name="rowIndex"/> of the file) and classifies each field as far
    /// as the writer needs (see <see cref="SplitFieldPlan"/>): the class label keeps only its bytes; a field written as a
    /// number is parsed only when it is not already a plain number, which is copied as written; any other field is
    /// only told missing or not. A record whose fields would all be written as they stand is marked copyable.
    /// </summary>
    public void Add(CsvRecordReader reader, long rowIndex, SplitFieldPlan plan)
    {
        int row = Rows++;
        _rowIndex[row] = rowIndex;
        ReadOnlySpan<byte> record = reader.CurrentRecordRaw;
        int recordStart = _arena.Append(record);
        _recordStart[row] = recordStart;
        _recordLength[row] = record.Length;
        int first = row * _fields;
        _copyable[row] = plan.CopyRecords && reader.CurrentRecordUnquoted && TryAddAsWritten(reader, record, first, plan, plan.LabelOf(rowIndex));
        if (_copyable[row])
        {
            return;
        }

        int unclassified = plan.Unclassified;
        bool[] writtenAsNumber = plan.WrittenAsNumber;
        for (int i = 0; i < _fields; i++)
        {
            int slot = first + i;
            ReadOnlySpan<byte> text;
            if (i == unclassified)
            {
                _kinds[slot] = CsvValueKind.Text;
                text = reader.GetFieldUtf8(i);
            }
            else if (!writtenAsNumber[i])
            {
                text = reader.GetFieldUtf8(i);
                _kinds[slot] = reader.IsMissing(i) ? CsvValueKind.Missing : CsvValueKind.Text;
            }
            else if (reader.IsPlainNumber(i))
            {
                text = reader.GetFieldUtf8(i);
                _kinds[slot] = CsvValueKind.Number;
                _values[slot] = double.NaN; // copied as written, never formatted
            }
            else
            {
                _kinds[slot] = reader.Classify(i, out _values[slot], out text);
            }

            // A field without doubled quotes is a slice of the record; one with them is unescaped into the arena.
            _inRecord[slot] = reader.TryGetFieldRange(i, out int offset, out int length);
            if (_inRecord[slot])
            {
                _starts[slot] = offset;
                _lengths[slot] = length;
            }
            else
            {
                _lengths[slot] = text.Length;
                _starts[slot] = _arena.Append(text);
            }
        }
    }

    /// <summary>
    /// For an unquoted record, records where each examined field lies and classifies it, stopping at the first field the
    /// writer would change: a label spelled otherwise than its class name, a number in another than a plain spelling (or
    /// text in a numeric column), a missing token that is not empty. Most records have none, and then the writer copies
    /// the record whole; the checks per field here are the same ones as in the general path, minus what copying needs no
    /// more. Fields outside <see cref="SplitFieldPlan.Examined"/> are known to need no change, and are left unrecorded.
    /// </summary>
    private bool TryAddAsWritten(CsvRecordReader reader, ReadOnlySpan<byte> record, int first, SplitFieldPlan plan, ReadOnlySpan<byte> label)
    {
        bool[] writtenAsNumber = plan.WrittenAsNumber;
        foreach (int i in plan.Examined)
        {
            int slot = first + i;
            reader.TryGetFieldRange(i, out int offset, out int length);
            _starts[slot] = offset;
            _lengths[slot] = length;
            _inRecord[slot] = true;
            ReadOnlySpan<byte> field = record.Slice(offset, length);
            if (i == plan.Unclassified)
            {
                _kinds[slot] = CsvValueKind.Text;
                if (!field.SequenceEqual(label))
                {
                    return false;
                }
            }
            else if (writtenAsNumber[i] && length > 0)
            {
                // An empty field is written empty, whether it reads as missing or as a type error.
                _kinds[slot] = CsvValueKind.Number;
                if (!reader.IsPlainNumber(field))
                {
                    return false;
                }
            }
            else
            {
                _kinds[slot] = reader.IsMissing(field) ? CsvValueKind.Missing : CsvValueKind.Text;
                if (length > 0 && _kinds[slot] == CsvValueKind.Missing)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether the row's record is written exactly as it stands (see <see cref="Add"/>).</summary>
    public bool IsCopyable(int row) => _copyable[row];

    /// <summary>The row's index in the file (0-based, among data rows).</summary>
    public long RowIndex(int row) => _rowIndex[row];

    /// <summary>The row's exact bytes as in the file, without the line terminator.</summary>
    public ReadOnlySpan<byte> Record(int row) => _arena.Slice(_recordStart[row], _recordLength[row]);

    public CsvValueKind Kind(int row, int field) => _kinds[(row * _fields) + field];

    public double Value(int row, int field) => _values[(row * _fields) + field];

    /// <summary>The field's bytes, quotes removed and doubled quotes unescaped.</summary>
    public ReadOnlySpan<byte> Field(int row, int field)
    {
        int slot = (row * _fields) + field;
        return _inRecord[slot]
            ? _arena.Slice(_recordStart[row] + _starts[slot], _lengths[slot])
            : _arena.Slice(_starts[slot], _lengths[slot]);
    }

    /// <summary>Where the field's bytes lie within <see cref="Record"/>; false when they were unescaped elsewhere.</summary>
    public bool TryGetFieldRange(int row, int field, out int offset, out int length)
    {
        int slot = (row * _fields) + field;
        offset = _starts[slot];
        length = _lengths[slot];
        return _inRecord[slot];
    }

}
