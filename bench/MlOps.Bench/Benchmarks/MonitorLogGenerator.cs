using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// A read-only stream of prediction log lines made up on demand (seeded): numeric inputs n0..n{k-1} drawn from a
/// normal distribution, categorical inputs c0..c{m-1} from a fixed set of codes, and a regression output. It holds one
/// small batch of lines at a time, so a window of millions of rows costs the reader no storage and this stream no memory.
/// </summary>
internal sealed class MonitorLogGenerator : Stream
{
    private const int LinesPerBatch = 256;

    private readonly long _rows;
    private readonly int _numeric;
    private readonly string[] _categoryCodes;
    private readonly int _categorical;
    private readonly string _at;
    private readonly Random _random;
    private readonly ArrayBufferWriter<byte> _batch = new(LinesPerBatch * 1024);
    private readonly string[] _numericNames;
    private readonly string[] _categoricalNames;
    private long _written;
    private int _offset;

    public MonitorLogGenerator(long rows, int numeric, int categorical, IReadOnlyList<string> categoryCodes, DateTimeOffset at, int seed)
    {
        _rows = rows;
        _numeric = numeric;
        _categorical = categorical;
        _categoryCodes = [.. categoryCodes];
        _at = at.ToString("O", CultureInfo.InvariantCulture);
        _random = new Random(seed);
        _numericNames = [.. Enumerable.Range(0, numeric).Select(i => string.Create(CultureInfo.InvariantCulture, $"n{i}"))];
        _categoricalNames = [.. Enumerable.Range(0, categorical).Select(i => string.Create(CultureInfo.InvariantCulture, $"c{i}"))];
    }

    /// <summary>Bytes of log lines made so far.</summary>
    public long BytesGenerated { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset == _batch.WrittenCount)
        {
            if (_written == _rows)
            {
                return 0;
            }

            FillBatch();
        }

        int copied = Math.Min(buffer.Length, _batch.WrittenCount - _offset);
        _batch.WrittenSpan.Slice(_offset, copied).CopyTo(buffer);
        _offset += copied;
        return copied;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void FillBatch()
    {
        _batch.Clear();
        _offset = 0;
        using var writer = new Utf8JsonWriter(_batch);
        for (int line = 0; line < LinesPerBatch && _written < _rows; line++, _written++)
        {
            writer.Reset(_batch);
            writer.WriteStartObject();
            writer.WriteString("requestId", string.Create(CultureInfo.InvariantCulture, $"r{_written}"));
            writer.WriteNumber("row", 0);
            writer.WriteString("at", _at);
            writer.WriteString("model", "bench");
            writer.WriteNumber("version", 1);
            writer.WriteString("alias", "production");
            writer.WriteNumber("latencyMs", 1.25);
            writer.WriteStartObject("inputs");
            double sum = 0;
            for (int i = 0; i < _numeric; i++)
            {
                double value = (10 * i) + Normal();
                sum += value;
                writer.WriteNumber(_numericNames[i], value);
            }

            for (int i = 0; i < _categorical; i++)
            {
                writer.WriteString(_categoricalNames[i], _categoryCodes[_random.Next(_categoryCodes.Length)]);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("prediction");
            writer.WriteNull("label");
            writer.WriteNumber("score", sum / Math.Max(_numeric, 1));
            writer.WriteNull("probability");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            _batch.Write("\n"u8);
        }

        BytesGenerated += _batch.WrittenCount;
    }

    private double Normal() => Math.Sqrt(-2.0 * Math.Log(1.0 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
