using System.IO.Compression;

namespace MlOps.Core.Serving;

/// <summary>
/// One append block of the prediction log being filled: lines go through a gzip stream as they are written, so the
/// compression cost is spread over the requests instead of landing on the flush, and sealing finishes the member.
/// </summary>
public sealed class PredictionLogBlock : IDisposable
{
    private readonly MemoryStream _compressed = new();
    private GZipStream? _gzip;

    private readonly Dictionary<int, long> _rawBytesByVersion = [];

    public string Blob { get; private set; } = string.Empty;

    public string Model { get; private set; } = string.Empty;

    /// <summary>The hour the block's lines were logged in (the blob is that hour's).</summary>
    public DateTimeOffset Hour { get; private set; }

    /// <summary>Uncompressed bytes of each model version's lines, to share the block's cost among them.</summary>
    public IReadOnlyDictionary<int, long> RawBytesByVersion => _rawBytesByVersion;

    /// <summary>Compressed bytes so far (the compressor holds back a little until it is sealed).</summary>
    public long CompressedLength => _compressed.Length;

    /// <summary>Uncompressed bytes written since it was opened.</summary>
    public long RawLength { get; private set; }

    public bool IsEmpty => RawLength == 0;

    /// <summary>Starts a new member for <paramref name="blob"/>, reusing this block's buffer.</summary>
    public PredictionLogBlock Open(string blob, string model, DateTimeOffset hour)
    {
        Blob = blob;
        Model = model;
        Hour = hour;
        RawLength = 0;
        _rawBytesByVersion.Clear();
        _compressed.SetLength(0);
        _gzip = PredictionLogFormat.OpenMember(_compressed);
        return this;
    }

    /// <param name="version">The model version whose answers the lines log.</param>
    public void Write(ReadOnlySpan<byte> lines, int version)
    {
        (_gzip ?? throw new InvalidOperationException("The block is not open.")).Write(lines);
        RawLength += lines.Length;
        _rawBytesByVersion[version] = _rawBytesByVersion.GetValueOrDefault(version) + lines.Length;
    }

    /// <summary>Finishes the gzip member; the block is then ready to append.</summary>
    public void Seal()
    {
        _gzip?.Dispose();
        _gzip = null;
    }

    /// <summary>The sealed member, to append (re-readable for retries).</summary>
    public Stream OpenRead() => new MemoryStream(_compressed.GetBuffer(), 0, (int)_compressed.Length, writable: false);

    /// <summary>Whether <paramref name="stored"/> is this sealed member, byte for byte.</summary>
    public bool IsStoredAs(ReadOnlySpan<byte> stored) => stored.SequenceEqual(_compressed.GetBuffer().AsSpan(0, (int)_compressed.Length));

    public void Dispose()
    {
        _gzip?.Dispose();
        _compressed.Dispose();
    }
}
