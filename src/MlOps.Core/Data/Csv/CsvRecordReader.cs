using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace MlOps.Core.Data.Csv;

/// <summary>
/// Streams RFC 4180 records from UTF-8 bytes: quoted fields may hold delimiters, doubled quotes and line
/// breaks; lines end in LF, CRLF or CR; blank lines are skipped. Fields are exposed as spans into one pooled
/// buffer, so reading allocates nothing per field; the spans are valid until the next <see cref="Read"/>.
/// Every malformed input is a <see cref="DataFormatException"/> naming the line and column.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    internal const byte Quote = (byte)'"';
    internal const byte Cr = (byte)'\r';
    internal const byte Lf = (byte)'\n';

    internal static readonly SearchValues<byte> QuoteOrLineBreak = SearchValues.Create("\"\r\n"u8);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _sourceName;
    private readonly CsvReaderOptions _options;
    private readonly byte _delimiter;
    private readonly SearchValues<byte> _fieldStops;
    private readonly byte[][] _missingTokens;
    private readonly int _longestMissingToken;
    private readonly bool[] _missingTokenStarts = new bool[256];
    private readonly int _maxBufferBytes;
    private readonly string[] _header;
    private readonly long _rowLimit;

    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private Field[] _fields;
    private int _fieldCount;
    private int _recordStart;
    private int _recordLength;
    private int _embeddedLineBreaks;
    private bool _recordQuoted;
    private long _nextLine = 1;
    private byte[] _unescaped = new byte[256];
    private int _unescapedLength;
    private bool _disposed;

    public CsvRecordReader(Stream utf8Stream, string sourceName, CsvReaderOptions? options = null)
        : this(utf8Stream, sourceName, options, leaveOpen: false)
    {
    }

    /// <summary>Reads the header immediately (skipping a UTF-8 BOM) and checks that the content is CSV text.</summary>
    public CsvRecordReader(Stream utf8Stream, string sourceName, CsvReaderOptions? options, bool leaveOpen)
        : this(utf8Stream, leaveOpen, sourceName, options ?? new CsvReaderOptions())
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Clamp(_options.BufferBytes, 4096, _maxBufferBytes));
        try
        {
            _header = ReadHeader();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// A reader of one chunk of a file whose header another reader has read: <paramref name="chunk"/> (rented from the
    /// shared array pool; this reader returns it) holds whole records from <paramref name="firstLine"/> on. When
    /// <paramref name="complete"/> is false the chunk was cut inside its first record (no record boundary within the
    /// limit of a record's length), and reading it fails as a record over the limit.
    /// </summary>
    internal CsvRecordReader(byte[] chunk, int length, bool complete, string sourceName, CsvReaderOptions options, string[] header, long firstLine)
        : this(Stream.Null, leaveOpen: true, sourceName, options)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(header);
        _buffer = chunk;
        _end = length;
        _endOfStream = complete;
        _nextLine = firstLine;
        _header = header;

        // Its records are numbered from the chunk's start: whoever joins the chunks enforces the limit on rows.
        _rowLimit = long.MaxValue;
    }

    private CsvRecordReader(Stream utf8Stream, bool leaveOpen, string sourceName, CsvReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        _stream = utf8Stream;
        _leaveOpen = leaveOpen;
        _sourceName = sourceName;
        _options = options;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxLineBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxColumns);
        _delimiter = _options.Delimiter;
        if (_delimiter is Quote or Cr or Lf)
        {
            throw new ArgumentException("The delimiter cannot be a quote or a line break.", nameof(options));
        }

        _fieldStops = SearchValues.Create([_delimiter, Quote, Cr, Lf]);
        _fields = new Field[Math.Min(64, _options.MaxColumns)];
        _missingTokens = [.. _options.MissingTokens.Select(t => Encoding.UTF8.GetBytes(t.Trim(' ', '\t')))];
        _longestMissingToken = _missingTokens.Length == 0 ? -1 : _missingTokens.Max(t => t.Length);
        foreach (byte[] token in _missingTokens.Where(t => t.Length > 0))
        {
            _missingTokenStarts[token[0]] = true;
        }

        _maxBufferBytes = Math.Max(_options.BufferBytes, _options.MaxLineBytes + 16);
        _rowLimit = _options.MaxRows;
        _buffer = [];
        _header = [];
    }

    private enum ParseStatus
    {
        Record,
        NeedMoreData,
        EndOfData,
    }

    public IReadOnlyList<string> Header => _header;

    public string SourceName => _sourceName;

    /// <summary>1-based index of the current data record (blank lines and the header do not count).</summary>
    public long RecordNumber { get; private set; }

    /// <summary>Physical line (1-based, the header is line 1) where the current record starts.</summary>
    public long LineNumber { get; private set; }

    public int FieldCount => _fieldCount;

    /// <summary>The current record's exact bytes without its line terminator, for byte-identical copies.</summary>
    public ReadOnlySpan<byte> CurrentRecordRaw => _buffer.AsSpan(_recordStart, _recordLength);

    /// <summary>The physical line on which the next record starts.</summary>
    internal long NextLine => _nextLine;

    /// <summary>Bytes read from the stream but not yet parsed (after the header, the start of the data).</summary>
    internal ReadOnlySpan<byte> Unparsed => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Whether the stream has been read to its end.</summary>
    internal bool StreamEnded => _endOfStream;

    /// <summary>The stream the reader reads (for a reader of the rest of the data after the header).</summary>
    internal Stream Stream => _stream;

    internal CsvReaderOptions Options => _options;

    /// <summary>Whether the current record holds no quote: its fields are plain slices of it, split at every delimiter.</summary>
    internal bool CurrentRecordUnquoted => !_recordQuoted;

    /// <summary>Advances to the next data record; false at the end of the data.</summary>
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!ReadRecord())
        {
            _fieldCount = 0;
            return false;
        }

        RecordNumber++;
        if (RecordNumber > _rowLimit)
        {
            throw TooManyRows(_sourceName, LineNumber, _rowLimit);
        }

        if (_fieldCount != _header.Length)
        {
            int column = Math.Min(_fieldCount, _header.Length) + 1;
            string? name = column <= _header.Length ? _header[column - 1] : null;
            throw Error(LineNumber, column, name, string.Create(
                CultureInfo.InvariantCulture, $"expected {_header.Length} fields as in the header, found {_fieldCount}"));
        }

        return true;
    }

    /// <summary>The field's bytes with quotes removed and doubled quotes unescaped; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> GetFieldUtf8(int index)
    {
        ref Field field = ref FieldAt(index);
        if (!field.HasEscapes)
        {
            return _buffer.AsSpan(field.Start, field.Length);
        }

        if (field.UnescapedOffset < 0)
        {
            (field.UnescapedOffset, field.UnescapedLength) = Unescape(_buffer.AsSpan(field.Start, field.Length));
        }

        return _unescaped.AsSpan(field.UnescapedOffset, field.UnescapedLength);
    }

    /// <summary>The field as a string; invalid UTF-8 is a <see cref="DataFormatException"/>.</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(GetValidatedUtf8(index));

    /// <summary>Like <see cref="GetFieldUtf8"/>, but invalid UTF-8 is a <see cref="DataFormatException"/>.</summary>
    public ReadOnlySpan<byte> GetValidatedUtf8(int index)
    {
        ReadOnlySpan<byte> utf8 = GetFieldUtf8(index);
        if (!Utf8.IsValid(utf8))
        {
            throw Error(LineOfField(index), index + 1, "invalid UTF-8 text (the file may use another encoding, such as Latin-1: save it as UTF-8)");
        }

        return utf8;
    }

    /// <summary>True when the field, with surrounding spaces trimmed, is one of the missing-value tokens.</summary>
    public bool IsMissing(int index) => IsMissingToken(Utf8DoubleParser.Trim(GetFieldUtf8(index)));

    /// <summary>
    /// Whether the field is a finite number in a plain spelling (see <see cref="Utf8DoubleParser.IsPlainDecimal"/>)
    /// and not a missing token: what <see cref="Classify"/> would call a number, known without parsing it.
    /// </summary>
    internal bool IsPlainNumber(int index) => IsPlainNumber(GetFieldUtf8(index));

    /// <summary><see cref="IsPlainNumber(int)"/> for a field's bytes already in hand.</summary>
    internal bool IsPlainNumber(ReadOnlySpan<byte> text) => Utf8DoubleParser.IsPlainDecimal(text) && !IsMissingToken(text);

    /// <summary><see cref="IsMissing(int)"/> for a field's bytes already in hand.</summary>
    internal bool IsMissing(ReadOnlySpan<byte> text) => IsMissingToken(Utf8DoubleParser.Trim(text));

    /// <summary>
    /// Missing, a finite number, or other text, in one look at the field (what a profiler asks of every value).
    /// A whole number too large for a double to hold exactly (2^53 or more: 64-bit ids) is text, so its digits are
    /// kept; as a double, hundreds of distinct ids near 2^64 would read as one value.
    /// <paramref name="text"/> is the field's bytes, not yet checked to be valid UTF-8.
    /// </summary>
    internal CsvValueKind Classify(int index, out double value, out ReadOnlySpan<byte> text) => Classify(index, out value, out text, out _);

    /// <summary>
    /// <see cref="Classify(int, out double, out ReadOnlySpan{byte})"/>, also saying, at no extra cost, whether a number
    /// is known to be spelled plainly (<see cref="IsPlainNumber(ReadOnlySpan{byte})"/> of <paramref name="text"/>);
    /// false for a missing value or text, and for the rare plain spelling the parser's fast path does not take.
    /// </summary>
    internal CsvValueKind Classify(int index, out double value, out ReadOnlySpan<byte> text, out bool plainNumber)
    {
        text = GetFieldUtf8(index);
        ReadOnlySpan<byte> trimmed = Utf8DoubleParser.Trim(text);
        if (IsMissingToken(trimmed))
        {
            value = 0;
            plainNumber = false;
            return CsvValueKind.Missing;
        }

        if (Utf8DoubleParser.TryParseTrimmed(trimmed, out value, out plainNumber) && double.IsFinite(value) && !Utf8DoubleParser.IsInexactInteger(trimmed, value))
        {
            plainNumber &= trimmed.Length == text.Length;
            return CsvValueKind.Number;
        }

        plainNumber = false;
        return CsvValueKind.Text;
    }

    /// <summary>
    /// Parses the field as an invariant-culture number ("1e-3", "-0.5", " 3 "). "NaN" and "Infinity" parse too,
    /// so check <see cref="IsMissing"/> first where those mean "no value".
    /// </summary>
    public bool TryGetDouble(int index, out double value) => Utf8DoubleParser.TryParse(GetFieldUtf8(index), out value);

    /// <summary>
    /// Where the field's bytes lie within <see cref="CurrentRecordRaw"/>; false for a field with doubled quotes, whose
    /// unescaped bytes are elsewhere (use <see cref="GetFieldUtf8"/>).
    /// </summary>
    internal bool TryGetFieldRange(int index, out int offset, out int length)
    {
        ref Field field = ref FieldAt(index);
        offset = field.Start - _recordStart;
        length = field.Length;
        return !field.HasEscapes;
    }

    /// <summary>The physical line on which the field starts (differs from <see cref="LineNumber"/> after a quoted line break).</summary>
    public long LineOfField(int index)
    {
        ref Field field = ref FieldAt(index);
        return LineNumber + _buffer.AsSpan(_recordStart, field.Start - _recordStart).Count(Lf);
    }

    private bool IsMissingToken(ReadOnlySpan<byte> trimmed)
    {
        if (trimmed.Length > _longestMissingToken || (!trimmed.IsEmpty && !_missingTokenStarts[trimmed[0]]))
        {
            return false;
        }

        foreach (byte[] token in _missingTokens)
        {
            if (trimmed.SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private string[] ReadHeader()
    {
        while (!_endOfStream && _end < 4096)
        {
            Fill();
        }

        if (_end == 0 || (_end == 3 && _buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8)))
        {
            throw Error(0, null, string.Create(CultureInfo.InvariantCulture, $"the file is empty ({_end} bytes)"));
        }

        if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
        {
            _start = 3;
        }

        string? notCsv = CsvContentSniffer.Diagnose(_buffer.AsSpan(_start, _end - _start));
        if (notCsv is not null)
        {
            throw Error(1, null, notCsv);
        }

        if (!ReadRecord())
        {
            throw Error(0, null, "the file has no header line (it holds only blank lines)");
        }

        if (!Utf8.IsValid(CurrentRecordRaw))
        {
            throw Error(LineNumber, null, "the header is not valid UTF-8 text (a binary file, or another encoding such as Latin-1: save it as UTF-8)");
        }

        var names = new string[_fieldCount];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            string name = Encoding.UTF8.GetString(GetFieldUtf8(i));
            if (name.Any(c => char.IsControl(c) && c != '\t'))
            {
                throw Error(LineNumber, i + 1, "not a CSV header: the column name contains control characters");
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                throw Error(LineNumber, i + 1, "empty column name in the header");
            }

            if (!seen.TryAdd(name, i + 1))
            {
                throw Error(LineNumber, i + 1, name, string.Create(
                    CultureInfo.InvariantCulture, $"duplicate column name '{name}' (also column {seen[name]})"));
            }

            names[i] = name;
        }

        if (names.Length == 1 && _options.RejectSuspectedWrongDelimiter
            && CsvDialectSniffer.GuessDelimiter(CurrentRecordRaw) is byte guess && guess != _delimiter)
        {
            throw Error(LineNumber, null, $"wrong delimiter: the header reads as a single column with delimiter "
                + $"{CsvDialectSniffer.Describe(_delimiter)} but looks {CsvDialectSniffer.Describe(guess)}-separated");
        }

        return names;
    }

    /// <summary>Reads the next non-blank record, refilling the buffer as needed; false at the end of the data.</summary>
    private bool ReadRecord()
    {
        while (true)
        {
            long line = _nextLine;
            switch (ParseRecord())
            {
                case ParseStatus.EndOfData:
                    return false;
                case ParseStatus.NeedMoreData:
                    if (_end - _start > _options.MaxLineBytes + 1)
                    {
                        throw RecordTooLong(line, _start, _end - _start);
                    }

                    Fill();
                    continue;
            }

            _nextLine += 1 + _embeddedLineBreaks;
            if (_recordLength == 0)
            {
                continue;
            }

            LineNumber = line;
            if (_recordLength > _options.MaxLineBytes)
            {
                throw RecordTooLong(line, _recordStart, _recordLength);
            }

            return true;
        }
    }

    /// <summary>Splits the record at <c>_start</c> into fields, or says that the buffer ends before the record does.</summary>
    private ParseStatus ParseRecord()
    {
        _fieldCount = 0;
        _embeddedLineBreaks = 0;
        _unescapedLength = 0;
        int pos = _start;
        if (pos == _end)
        {
            return _endOfStream ? ParseStatus.EndOfData : ParseStatus.NeedMoreData;
        }

        int stop = _buffer.AsSpan(pos, _end - pos).IndexOfAny(QuoteOrLineBreak);
        _recordQuoted = false;
        if (stop >= 0 && _buffer[pos + stop] != Quote)
        {
            SplitUnquoted(pos, pos + stop);
            return CompleteRecord(pos + stop);
        }

        if (stop < 0)
        {
            if (!_endOfStream)
            {
                return ParseStatus.NeedMoreData;
            }

            SplitUnquoted(pos, _end);
            return CompleteRecord(_end);
        }

        _recordQuoted = true;
        return ParseQuotedRecord();
    }

    /// <summary>The general state machine, for records that contain a quote somewhere.</summary>
    private ParseStatus ParseQuotedRecord()
    {
        int pos = _start;
        while (true)
        {
            if (pos < _end && _buffer[pos] == Quote)
            {
                int close = FindClosingQuote(pos, out bool hasEscapes);
                if (close < 0)
                {
                    return ParseStatus.NeedMoreData;
                }

                _embeddedLineBreaks += _buffer.AsSpan(pos + 1, close - pos - 1).Count(Lf);
                AddField(pos + 1, close - pos - 1, hasEscapes);
                pos = close + 1;
                if (pos == _end)
                {
                    return CompleteRecord(pos);
                }

                byte next = _buffer[pos];
                if (next == _delimiter)
                {
                    pos++;
                    continue;
                }

                if (next is Cr or Lf)
                {
                    return CompleteRecord(pos);
                }

                throw Error(LineAt(pos), _fieldCount, $"unexpected character '{(char)next}' after the closing quote of a quoted field");
            }

            int length = _buffer.AsSpan(pos, _end - pos).IndexOfAny(_fieldStops);
            if (length < 0)
            {
                if (!_endOfStream)
                {
                    return ParseStatus.NeedMoreData;
                }

                AddField(pos, _end - pos, hasEscapes: false);
                return CompleteRecord(_end);
            }

            byte stop = _buffer[pos + length];
            if (stop == Quote)
            {
                throw Error(LineAt(pos), _fieldCount + 1,
                    "stray quote inside an unquoted field (quote the whole field and double the quotes inside it)");
            }

            AddField(pos, length, hasEscapes: false);
            pos += length;
            if (stop != _delimiter)
            {
                return CompleteRecord(pos);
            }

            pos++;
        }
    }

    /// <summary>Index of the quote closing the field opened at <paramref name="open"/>, or -1 when more data is needed.</summary>
    private int FindClosingQuote(int open, out bool hasEscapes)
    {
        hasEscapes = false;
        int at = open + 1;
        while (true)
        {
            int found = _buffer.AsSpan(at, _end - at).IndexOf(Quote);
            if (found < 0)
            {
                if (_endOfStream)
                {
                    throw Error(LineAt(open), _fieldCount + 1, "unterminated quoted field: the opening quote is never closed");
                }

                return -1;
            }

            at += found;
            if (at + 1 == _end && !_endOfStream)
            {
                return -1;
            }

            if (at + 1 < _end && _buffer[at + 1] == Quote)
            {
                hasEscapes = true;
                at += 2;
                continue;
            }

            return at;
        }
    }

    /// <summary>Ends the record at <paramref name="terminator"/> and consumes its LF, CRLF or CR.</summary>
    private ParseStatus CompleteRecord(int terminator)
    {
        int next = terminator;
        if (terminator < _end)
        {
            if (_buffer[terminator] == Lf)
            {
                next = terminator + 1;
            }
            else if (terminator + 1 < _end)
            {
                next = _buffer[terminator + 1] == Lf ? terminator + 2 : terminator + 1;
            }
            else if (_endOfStream)
            {
                next = terminator + 1;
            }
            else
            {
                return ParseStatus.NeedMoreData;
            }
        }

        _recordStart = _start;
        _recordLength = terminator - _start;
        _start = next;
        return ParseStatus.Record;
    }

    /// <summary>Splits a quote-free record on the delimiter, 32 bytes per compare where the CPU allows.</summary>
    private void SplitUnquoted(int start, int stop)
    {
        int fieldStart = start;
        int i = start;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> delimiter = Vector256.Create(_delimiter);
            ref byte origin = ref MemoryMarshal.GetArrayDataReference(_buffer);
            for (; i + Vector256<byte>.Count <= stop; i += Vector256<byte>.Count)
            {
                uint mask = Vector256.Equals(Vector256.LoadUnsafe(ref origin, (nuint)i), delimiter).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int at = i + BitOperations.TrailingZeroCount(mask);
                    AddField(fieldStart, at - fieldStart, hasEscapes: false);
                    fieldStart = at + 1;
                    mask &= mask - 1;
                }
            }
        }

        for (; i < stop; i++)
        {
            if (_buffer[i] == _delimiter)
            {
                AddField(fieldStart, i - fieldStart, hasEscapes: false);
                fieldStart = i + 1;
            }
        }

        AddField(fieldStart, stop - fieldStart, hasEscapes: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(int start, int length, bool hasEscapes)
    {
        if (_fieldCount == _fields.Length)
        {
            GrowFields();
        }

        ref Field field = ref _fields[_fieldCount++];
        field.Start = start;
        field.Length = length;
        field.HasEscapes = hasEscapes;
        field.UnescapedOffset = -1;
    }

    private void GrowFields()
    {
        if (_fieldCount >= _options.MaxColumns)
        {
            throw Error(_nextLine, _fieldCount + 1, string.Create(
                CultureInfo.InvariantCulture, $"more than {_options.MaxColumns} columns (the limit)"));
        }

        Array.Resize(ref _fields, Math.Min(_fields.Length * 2, _options.MaxColumns));
    }

    /// <summary>Moves the unread bytes to the front of the buffer (growing it for a long record) and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxBufferBytes));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }

    private (int Offset, int Length) Unescape(ReadOnlySpan<byte> quoted)
    {
        if (_unescapedLength + quoted.Length > _unescaped.Length)
        {
            // A new array, not a resize in place: spans handed out for this record keep pointing at the old one.
            byte[] larger = new byte[Math.Max(_unescaped.Length * 2, _unescapedLength + quoted.Length)];
            _unescaped.AsSpan(0, _unescapedLength).CopyTo(larger);
            _unescaped = larger;
        }

        int offset = _unescapedLength;
        int written = 0;
        Span<byte> target = _unescaped.AsSpan(offset);
        for (int i = 0; i < quoted.Length; i++)
        {
            target[written++] = quoted[i];
            if (quoted[i] == Quote)
            {
                i++;
            }
        }

        _unescapedLength += written;
        return (offset, written);
    }

    // Called for every field of every record: the throw lives elsewhere so that this inlines.
    private ref Field FieldAt(int index)
    {
        if ((uint)index >= (uint)_fieldCount)
        {
            ThrowNoSuchField(index, _fieldCount);
        }

        return ref _fields[index];
    }

    [DoesNotReturn]
    private static void ThrowNoSuchField(int index, int fieldCount) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The record has {fieldCount} fields.");

    private long LineAt(int position) => _nextLine + _buffer.AsSpan(_start, position - _start).Count(Lf);

    private DataFormatException RecordTooLong(long line, int recordStart, int available)
    {
        // Find the column in which the limit was crossed, and whether a quoted field was still open there.
        ReadOnlySpan<byte> prefix = _buffer.AsSpan(recordStart, Math.Min(available, _options.MaxLineBytes + 1));
        int column = 1;
        bool inQuotes = false;
        foreach (byte b in prefix)
        {
            if (b == Quote)
            {
                inQuotes = !inQuotes;
            }
            else if (b == _delimiter && !inQuotes)
            {
                column++;
            }
        }

        string problem = string.Create(CultureInfo.InvariantCulture, $"the record is longer than the limit of {_options.MaxLineBytes} bytes");
        if (inQuotes)
        {
            problem += " (a quoted field is still open there: perhaps an unterminated quote)";
        }

        return Error(line, column, problem);
    }

    /// <summary>The error for a record past the limit on data rows, found on <paramref name="line"/>.</summary>
    internal static DataFormatException TooManyRows(string sourceName, long line, long maxRows) =>
        new(sourceName, line, null, null, string.Create(CultureInfo.InvariantCulture, $"more than {maxRows} data rows (the limit)"));

    private DataFormatException Error(long line, int? column, string problem)
    {
        string? name = column is int c && _header is not null && c >= 1 && c <= _header.Length ? _header[c - 1] : null;
        return Error(line, column, name, problem);
    }

    private DataFormatException Error(long line, int? column, string? columnName, string problem) =>
        new(_sourceName, line, column, columnName, problem);

    private struct Field
    {
        public int Start;
        public int Length;
        public int UnescapedOffset;
        public int UnescapedLength;
        public bool HasEscapes;
    }
}
