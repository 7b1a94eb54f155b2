using System.Globalization;

namespace MlOps.Core.Data;

/// <summary>
/// Appends CSV bytes for one split file through a large reusable buffer (no per-byte stream calls), so the split
/// pass costs little more than reading.
/// </summary>
internal sealed class SplitFileWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _buffer = new byte[1 << 18];
    private int _length;

    public SplitFileWriter(string path) =>
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.SequentialScan);

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _file.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Write(byte value)
    {
        if (_length == _buffer.Length)
        {
            Flush();
        }

        _buffer[_length++] = value;
    }

    /// <summary>RFC 4180 quoting, only when the field needs it.</summary>
    public void WriteField(ReadOnlySpan<byte> field)
    {
        if (field.IndexOfAny((byte)',', (byte)'"', (byte)'\n') < 0 && field.IndexOf((byte)'\r') < 0)
        {
            Write(field);
            return;
        }

        Write((byte)'"');
        foreach (byte b in field)
        {
            if (b == (byte)'"')
            {
                Write((byte)'"');
            }

            Write(b);
        }

        Write((byte)'"');
    }

    /// <summary>A number as written when that spelling is already plain; otherwise its round-trip form.</summary>
    public void WriteNumber(ReadOnlySpan<byte> raw, double value)
    {
        if (IsPlainNumber(raw))
        {
            Write(raw);
            return;
        }

        if (_length + 32 > _buffer.Length)
        {
            Flush();
        }

        value.TryFormat(_buffer.AsSpan(_length), out int written, "R", CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }

    private void Flush()
    {
        _file.Write(_buffer, 0, _length);
        _length = 0;
    }

    /// <summary>A number spelled only with digits, '.', '-' and an exponent, short enough to be copied as written.</summary>
    public static bool IsPlainNumber(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty || raw.Length > 24)
        {
            return false;
        }

        foreach (byte b in raw)
        {
            if (!((uint)(b - '0') <= 9 || b is (byte)'.' or (byte)'-' or (byte)'e' or (byte)'E'))
            {
                return false;
            }
        }

        return true;
    }
}
