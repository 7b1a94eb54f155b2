using System.Buffers;
using System.Text;
using MlOps.Core.Data.Csv;

namespace MlOps.Core.Tests.Data.Csv;

/// <summary>Chunks of whole records for parallel parsing: read chunk by chunk, a file must give the records and lines one reader gives.</summary>
public sealed class CsvChunkerTests
{
    /// <summary>Quoted delimiters, quotes and line breaks of every kind, LF, CRLF and CR record ends, blank lines, a last record without a line break.</summary>
    private const string Awkward =
        "a,b,c\n" +
        "1,\"x, y\",3\r\n" +
        "\n" +
        "4,\"two\nlines\",6\n" +
        "7,\"say \"\"hi\"\"\",9\r" +
        "10,\"cr\r\nlf\",12\r\n" +
        "\r\n" +
        "13,\"\",15\n" +
        "16,\"lone\rcr\",18\r" +
        "19,plain,21";

    private static List<(long Line, string Raw)> ReadWhole(string csv, CsvReaderOptions? options = null)
    {
        using CsvRecordReader reader = CsvTestInput.OpenText(csv, options);
        var records = new List<(long, string)>();
        while (reader.Read())
        {
            records.Add((reader.LineNumber, Encoding.UTF8.GetString(reader.CurrentRecordRaw)));
        }

        return records;
    }

    private static (List<(long Line, string Raw)> Records, int Chunks) ReadChunked(string csv, int chunkBytes, CsvReaderOptions? options = null)
    {
        options ??= new CsvReaderOptions();
        using CsvRecordReader header = CsvTestInput.OpenText(csv, options);
        var chunker = new CsvChunker(header, chunkBytes);
        var records = new List<(long, string)>();
        int chunks = 0;
        while (chunker.Next() is CsvChunk chunk)
        {
            chunks++;
            using var reader = new CsvRecordReader(chunk.Buffer, chunk.Length, chunk.Complete, "inline.csv", options, [.. header.Header], chunk.FirstLine);
            while (reader.Read())
            {
                records.Add((reader.LineNumber, Encoding.UTF8.GetString(reader.CurrentRecordRaw)));
            }
        }

        return (records, chunks);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(4096)]
    public void Next_QuotedLineBreaksAndMixedEnds_SameRecordsAndLinesAsOneReader(int chunkBytes)
    {
        List<(long, string)> expected = ReadWhole(Awkward);

        (List<(long, string)> actual, int chunks) = ReadChunked(Awkward, chunkBytes);

        Assert.Equal(expected, actual);
        Assert.Equal(7, expected.Count);
        Assert.True(chunkBytes > 100 || chunks >= 3, $"{chunks} chunks");
    }

    [Fact]
    public void Next_LargeHeaderBuffer_DataAfterTheHeaderChunkedToo()
    {
        // The header's reader reads ahead; those bytes are the first chunk's start.
        string csv = "id,text\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => i % 3 == 0 ? $"{i},\"a\nb, \"\"c\"\"\"\r\n" : $"{i},plain\n"));

        (List<(long, string)> actual, int chunks) = ReadChunked(csv, 10_000);

        Assert.Equal(ReadWhole(csv), actual);
        Assert.True(chunks > 20, $"{chunks} chunks");
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,\"never closed\n4,5\n")]
    [InlineData("a,b\n1,2\n3,x\"y\n4,5\n")]
    [InlineData("a,b\n1,2\n3,\"q\"z\n4,5\n")]
    [InlineData("a,b\n1,2\n3\n4,5\n")]
    public void Next_MalformedRecord_ChunkReadersFailAsOneReader(string csv)
    {
        DataFormatException expected = Assert.Throws<DataFormatException>(() => ReadWhole(csv));

        foreach (int chunkBytes in new[] { 1, 5, 64 })
        {
            DataFormatException actual = Assert.Throws<DataFormatException>(() => ReadChunked(csv, chunkBytes));
            Assert.Equal(expected.Message, actual.Message);
        }
    }

    [Fact]
    public void Next_RecordOverTheLengthLimit_ChunkReaderFailsAsOneReader()
    {
        var options = new CsvReaderOptions { MaxLineBytes = 5_000, BufferBytes = 4096 };
        string csv = "a,b\n1,2\n3,\"" + new string('x', 20_000) + "\"\n4,5\n";

        DataFormatException expected = Assert.Throws<DataFormatException>(() => ReadWhole(csv, options));
        DataFormatException actual = Assert.Throws<DataFormatException>(() => ReadChunked(csv, 16, options));

        Assert.Equal(expected.Message, actual.Message);
        Assert.Contains("longer than the limit", actual.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_EveryChunk_RentedFromThePoolAndWithinItsLength()
    {
        using CsvRecordReader header = CsvTestInput.OpenText(Awkward);
        var chunker = new CsvChunker(header, 8);
        int total = 0;
        while (chunker.Next() is CsvChunk chunk)
        {
            Assert.True(chunk.Complete);
            Assert.InRange(chunk.Length, 1, chunk.Buffer.Length);
            total += chunk.Length;
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }

        Assert.Equal(Encoding.UTF8.GetByteCount(Awkward) - "a,b,c\n".Length, total);
    }
}
