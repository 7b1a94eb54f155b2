using System.Buffers;

namespace MlOps.Core.Data.Csv;

/// <summary>
/// Cuts the data after a CSV header into chunks of whole records, so that several threads can parse one file: each
/// chunk ends after a line break outside quotes (found by following the quotes from the start of the chunk, which
/// starts a record), and knows the physical line it starts on, counted as <see cref="CsvRecordReader"/> counts
/// lines (a terminator outside quotes, LF, CRLF or CR, and every LF inside quotes). A record longer than the
/// reader's limit yields a chunk cut inside it, which the chunk's reader rejects as the stream's reader would.
/// Memory: the chunk being cut, and the start of the next one. Not thread-safe: callers take chunks in turn.
/// </summary>
internal sealed class CsvChunker
{
    private readonly Stream _stream;
    private readonly int _chunkBytes;
    private readonly int _cutBytes;
    private byte[] _carry;
    private int _carryLength;
    private bool _streamEnded;
    private bool _finished;
    private long _nextLine;

    /// <param name="headerReader">The reader that has read the header: its unparsed bytes and the rest of its stream are the data.</param>
    /// <param name="chunkBytes">About how many bytes a chunk holds.</param>
    public CsvChunker(CsvRecordReader headerReader, int chunkBytes)
    {
        ArgumentNullException.ThrowIfNull(headerReader);
        _stream = headerReader.Stream;
        _chunkBytes = chunkBytes;

        // The stream's reader holds a record's first bytes, up to this many, before it gives up on the record as too long.
        _cutBytes = Math.Max(headerReader.Options.BufferBytes, headerReader.Options.MaxLineBytes + 16);
        _carry = headerReader.Unparsed.ToArray();
        _carryLength = _carry.Length;
        _streamEnded = headerReader.StreamEnded;
        _nextLine = headerReader.NextLine;
    }

    /// <summary>
    /// The next chunk, in a buffer rented from the shared array pool (the chunk's reader returns it); null after the
    /// last one.
    /// </summary>
    public CsvChunk? Next()
    {
        if (_finished)
        {
            return null;
        }

        int step = Math.Max(_chunkBytes / 4, 1);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(_chunkBytes, _carryLength) + step);
        _carry.AsSpan(0, _carryLength).CopyTo(buffer);
        int length = _carryLength;
        int scanned = 0;
        var scan = new Scan();
        while (true)
        {
            length = FillFrom(ref buffer, length, Math.Max(_chunkBytes, scanned + step));
            scan.Continue(buffer.AsSpan(0, length), ref scanned, _streamEnded, _chunkBytes);
            bool seenAll = _streamEnded && scanned == length;
            if (scan.Boundary > 0 && (scan.Boundary >= _chunkBytes || seenAll || length - scan.Boundary >= _cutBytes))
            {
                break;
            }

            if (seenAll)
            {
                // The rest holds no whole record: a last record without a line break, or an open quote the reader will name.
                _finished = true;
                _carryLength = 0;
                return length == 0 ? Discard(buffer) : new CsvChunk(buffer, length, Complete: true, _nextLine);
            }

            if (scan.Boundary == 0 && length >= _cutBytes)
            {
                _finished = true;
                _carryLength = 0;
                return new CsvChunk(buffer, _cutBytes, Complete: false, _nextLine);
            }
        }

        int rest = length - scan.Boundary;
        if (_carry.Length < rest)
        {
            _carry = new byte[Math.Max(rest, step)];
        }

        buffer.AsSpan(scan.Boundary, rest).CopyTo(_carry);
        _carryLength = rest;
        var chunk = new CsvChunk(buffer, scan.Boundary, Complete: true, _nextLine);
        _nextLine += scan.LinesToBoundary;
        _finished = rest == 0 && _streamEnded;
        return chunk;
    }

    private static CsvChunk? Discard(byte[] buffer)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        return null;
    }

    /// <summary>Reads until the buffer holds <paramref name="target"/> bytes or the stream ends, growing it as needed.</summary>
    private int FillFrom(ref byte[] buffer, int length, int target)
    {
        if (target > buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(target);
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        while (length < target && !_streamEnded)
        {
            int read = _stream.Read(buffer, length, target - length);
            if (read == 0)
            {
                _streamEnded = true;
            }

            length += read;
        }

        return length;
    }

    /// <summary>Where the last record boundary so far lies, following the quotes from the chunk's start.</summary>
    private struct Scan
    {
        private bool _inQuotes;
        private long _lines;

        /// <summary>The end of the last whole record (after its line break); 0 when none ended yet.</summary>
        public int Boundary { get; private set; }

        /// <summary>Physical lines from the chunk's start to <see cref="Boundary"/>.</summary>
        public long LinesToBoundary { get; private set; }

        /// <summary>Follows the data from <paramref name="position"/> on, stopping at its end or at a boundary at or past <paramref name="enough"/>.</summary>
        public void Continue(ReadOnlySpan<byte> data, ref int position, bool atEnd, int enough)
        {
            while (position < data.Length && Boundary < enough)
            {
                int found = data[position..].IndexOfAny(CsvRecordReader.QuoteOrLineBreak);
                if (found < 0)
                {
                    position = data.Length;
                    return;
                }

                int at = position + found;
                byte b = data[at];
                if (b == CsvRecordReader.Quote)
                {
                    _inQuotes = !_inQuotes;
                }
                else if (b == CsvRecordReader.Lf)
                {
                    _lines++;
                    if (!_inQuotes)
                    {
                        Boundary = at + 1;
                        LinesToBoundary = _lines;
                    }
                }
                else if (!_inQuotes)
                {
                    // A CR ends a record unless an LF follows (then the LF does); at the end of the data so far, that is not known yet.
                    if (at + 1 == data.Length && !atEnd)
                    {
                        position = at;
                        return;
                    }

                    if (at + 1 == data.Length || data[at + 1] != CsvRecordReader.Lf)
                    {
                        _lines++;
                        Boundary = at + 1;
                        LinesToBoundary = _lines;
                    }
                }

                position = at + 1;
            }
        }
    }
}
