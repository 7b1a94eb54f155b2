using System.Buffers;

namespace MlOps.Core.Monitoring.Log;

/// <summary>
/// Splits a UTF-8 stream into lines (LF or CRLF) through one pooled buffer, so memory stays a buffer's worth whatever
/// the stream's length. A line longer than the limit is skipped and reported as too long rather than buffered.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _endOfStream;
    private bool _discarding;

    public Utf8LineReader(Stream stream, int maxLineBytes = 1 << 20)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferBytes, maxLineBytes + 1));
    }

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The current line without its terminator; valid until the next <see cref="ReadAsync"/>.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>The current line exceeded the limit: <see cref="Line"/> is empty and the line was skipped.</summary>
    public bool LineTooLong { get; private set; }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int stop = _scanned + newline;
                Complete(_start, stop);
                _start = _scanned = stop + 1;
                return true;
            }

            _scanned = _end;
            if (_endOfStream)
            {
                if (_start == _end && !_discarding)
                {
                    Line = ReadOnlyMemory<byte>.Empty;
                    return false;
                }

                Complete(_start, _end);
                _start = _scanned = _end;
                return true;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private void Complete(int start, int stop)
    {
        LineNumber++;
        LineTooLong = _discarding || stop - start > _maxLineBytes;
        _discarding = false;
        if (LineTooLong)
        {
            Line = ReadOnlyMemory<byte>.Empty;
            return;
        }

        if (stop > start && _buffer[stop - 1] == (byte)'\r')
        {
            stop--;
        }

        Line = _buffer.AsMemory(start, stop - start);
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_end - _start > _maxLineBytes)
        {
            // Far past the limit: drop what is buffered and skip to the next line break.
            _discarding = true;
            _start = _end = _scanned = 0;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxLineBytes + 2));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        _endOfStream = read == 0;
    }
}
