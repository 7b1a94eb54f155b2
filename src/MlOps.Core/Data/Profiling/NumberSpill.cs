
namespace MlOps.Core.Data.Profiling;

/// <summary>
/// The first pass's parsed numbers, written to a temporary file (deleted on close) in blocks per column, so later
/// passes replay doubles instead of downloading and parsing the source again; a block of short decimals is packed
/// without loss into fewer bytes (<see cref="SpillBlockCodec"/>), as writing and reading the file back cost more than
/// packing and unpacking them. Memory is one block per column;
/// past <c>maxBytes</c> the spill gives up and later passes read the source. Columns may add from several threads at
/// once (each column from one at a time): blocks are written whole under a lock, so only the order of different
/// columns' blocks in the file varies, and whether the spill overflows depends only on the total written.
/// </summary>
internal sealed class NumberSpill : IDatasetSource, IDisposable
{
    private const int BlockValues = 8192;
    private const int HeaderBytes = 3 * sizeof(int);

    private readonly FileStream _file;
    private readonly long _maxBytes;
    private readonly IReadOnlyList<string> _columns;
    private readonly double[]?[] _blocks;
    private readonly int[] _counts;
    private readonly byte[]?[] _encoded;
    private readonly int[] _scales;
    private readonly Lock _writing = new();
    private long _written;
    private volatile bool _overflowed;
    private long _rows;

    public NumberSpill(string directory, IReadOnlyList<string> columns, long maxBytes, string name)
    {
        Name = name;
        _columns = columns;
        _maxBytes = maxBytes;
        _blocks = new double[]?[columns.Count];
        _counts = new int[columns.Count];
        _encoded = new byte[]?[columns.Count];
        _scales = new int[columns.Count];
        _file = new FileStream(
            Path.Combine(directory, $"mlops-profile-{Guid.NewGuid():N}.spill"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.DeleteOnClose | FileOptions.SequentialScan);
    }

    public string Name { get; }

    /// <summary>True once the spill exceeded its size limit and was abandoned.</summary>
    public bool Overflowed => _overflowed;

    public void Add(int column, double value)
    {
        if (Overflowed)
        {
            return;
        }

        double[] block = _blocks[column] ??= new double[BlockValues];
        block[_counts[column]++] = value;
        if (_counts[column] == BlockValues)
        {
            Flush(column);
        }
    }

    /// <summary><see cref="Add"/> for each value in turn.</summary>
    public void AddAll(int column, ReadOnlySpan<double> values)
    {
        while (!values.IsEmpty && !Overflowed)
        {
            double[] block = _blocks[column] ??= new double[BlockValues];
            int taken = Math.Min(values.Length, BlockValues - _counts[column]);
            values[..taken].CopyTo(block.AsSpan(_counts[column]));
            _counts[column] += taken;
            values = values[taken..];
            if (_counts[column] == BlockValues)
            {
                Flush(column);
            }
        }
    }

    public void AddRows(long count) => _rows += count;

    /// <summary>Writes the partial blocks; after this the spill can be replayed.</summary>
    public void Complete()
    {
        for (int column = 0; column < _blocks.Length && !Overflowed; column++)
        {
            if (_counts[column] > 0)
            {
                Flush(column);
            }
        }

        Array.Clear(_blocks);
        Array.Clear(_encoded);
        _file.Flush();
    }

    public async Task ScanAsync(IDatasetVisitor visitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        visitor.OnColumns(_columns);
        bool[] wanted = [.. Enumerable.Range(0, _columns.Count).Select(visitor.WantsColumn)];
        _file.Position = 0;
        byte[] header = new byte[HeaderBytes];
        byte[] block = new byte[SpillBlockCodec.MaxBytes(BlockValues)];
        double[] values = new double[BlockValues];
        while (await ReadExactlyOrEndAsync(header, cancellationToken))
        {
            int column = BitConverter.ToInt32(header, 0);
            int count = BitConverter.ToInt32(header, sizeof(int));
            int format = BitConverter.ToInt32(header, 2 * sizeof(int));
            int length = SpillBlockCodec.PayloadBytes(format, count);
            if (!wanted[column])
            {
                _file.Seek(length, SeekOrigin.Current);
                continue;
            }

            await _file.ReadExactlyAsync(block.AsMemory(0, length), cancellationToken);
            SpillBlockCodec.Decode(format, block.AsSpan(0, length), values.AsSpan(0, count));
            visitor.OnNumbers(column, values.AsSpan(0, count));
        }

        visitor.OnRows(_rows);
    }

    public void Dispose() => _file.Dispose();

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken) =>
        await _file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken) == buffer.Length;

    private void Flush(int column)
    {
        int count = _counts[column];
        _counts[column] = 0;
        if (_blocks[column] is not double[] block)
        {
            // Dropped by another column's overflow.
            return;
        }

        // Packed outside the lock, so that columns on other threads pack theirs meanwhile.
        byte[] encoded = _encoded[column] ??= new byte[SpillBlockCodec.MaxBytes(BlockValues)];
        (int format, int bytes) = SpillBlockCodec.Encode(block.AsSpan(0, count), ref _scales[column], encoded);
        Span<byte> header = stackalloc byte[HeaderBytes];
        BitConverter.TryWriteBytes(header, column);
        BitConverter.TryWriteBytes(header[sizeof(int)..], count);
        BitConverter.TryWriteBytes(header[(2 * sizeof(int))..], format);
        lock (_writing)
        {
            // Another column may have overflowed the spill since this one's last look.
            if (_overflowed)
            {
                return;
            }

            _written += HeaderBytes + bytes;
            if (_written > _maxBytes)
            {
                _overflowed = true;
                Array.Clear(_blocks);
                _file.SetLength(0);
                return;
            }

            _file.Write(header);
            _file.Write(encoded.AsSpan(0, bytes));
        }
    }
}
