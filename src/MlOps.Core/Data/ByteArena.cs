namespace MlOps.Core.Data;

/// <summary>
/// One growable buffer that a parsing batch copies raw records and unescaped fields into, so a batch handed to
/// another thread owns its bytes with one allocation instead of one per field. Reused after <see cref="Clear"/>.
/// </summary>
internal sealed class ByteArena(int initialCapacity)
{
    private byte[] _bytes = new byte[initialCapacity];
    private int _length;

    /// <summary>Copies <paramref name="bytes"/> in and returns where they start.</summary>
    public int Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + bytes.Length));
        }

        int start = _length;
        bytes.CopyTo(_bytes.AsSpan(start));
        _length += bytes.Length;
        return start;
    }

    public ReadOnlySpan<byte> Slice(int start, int length) => _bytes.AsSpan(start, length);

    public void Clear() => _length = 0;
}
