using System.Text;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Tests.Data;
using static MlOps.Core.Tests.Data.Profiling.ProfileTestSources;

namespace MlOps.Core.Tests.Data.Profiling;

/// <summary>Parsing in chunks on several threads must read a file as one thread does: the same profile, the same first error.</summary>
public sealed class CsvDatasetSourceTests
{
    private static CsvDatasetSource Source(string csv, bool chunked, CsvReaderOptions? options = null) =>
        new(() => new MemoryStream(Encoding.UTF8.GetBytes(csv)), "inline.csv", options)
        {
            ParseInParallel = chunked,
            ParseThreads = 3,
            ChunkBytes = 4096,
        };

    [Fact]
    public async Task ScanAsync_SmallChunksOnThreeThreads_SameProfileAndSpellingsAsOneThread()
    {
        string csv = LocalDatasetPreparerTests.AwkwardCsv(5_000);
        CsvDatasetSource chunked = Source(csv, chunked: true);
        CsvDatasetSource oneThread = Source(csv, chunked: false);

        DatasetProfile expected = await ProfileAsync(oneThread, Streaming());
        DatasetProfile actual = await ProfileAsync(chunked, Streaming());

        Assert.True(Encoding.UTF8.GetByteCount(csv) > 50 * 4096, "many chunks");
        Assert.Equal(DatasetProfileJson.Serialize(expected), DatasetProfileJson.Serialize(actual));
        CsvColumnSpellings expectedSpellings = oneThread.Spellings!;
        CsvColumnSpellings actualSpellings = chunked.Spellings!;
        Assert.Equal(
            Enumerable.Range(0, expectedSpellings.Count).Select(c => (expectedSpellings.AllAsNumbers(c), expectedSpellings.AllAsText(c))),
            Enumerable.Range(0, actualSpellings.Count).Select(c => (actualSpellings.AllAsNumbers(c), actualSpellings.AllAsText(c))));

        // y and z are plain numbers throughout; x has "+12" and " 3 ", colour and note hold "NA".
        Assert.Equal([false, true, false, false, true, false], Enumerable.Range(0, 6).Select(actualSpellings.AllAsNumbers));
        Assert.Equal([false, true, false, false, true, false], Enumerable.Range(0, 6).Select(actualSpellings.AllAsText));
    }

    public static TheoryData<string> LaterErrors => new()
    {
        // A stray quote deep in the file, then a ragged row after it: the stray quote is the error reported.
        "a,b\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => $"{i},\"x\ny\"\n")) + "1,x\"y\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"{i},{i}\n")) + "1\n",
        // A ragged row after quoted line breaks: its line counts every line break inside quotes.
        "a,b\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => i % 3 == 0 ? $"{i},\"p\r\nq\"\r\n" : $"{i},v\n")) + "1,2,3\n",
        // An opening quote never closed.
        "a,b\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{i},{i}\n")) + "1,\"open\n2,2\n",
    };

    [Theory]
    [MemberData(nameof(LaterErrors))]
    public async Task ScanAsync_ErrorInALaterChunk_ReportsTheFirstErrorWithItsLine(string csv)
    {
        DataFormatException expected = await Assert.ThrowsAsync<DataFormatException>(() => ProfileAsync(Source(csv, chunked: false)));

        DataFormatException actual = await Assert.ThrowsAsync<DataFormatException>(() => ProfileAsync(Source(csv, chunked: true)));

        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal((expected.Line, expected.Column), (actual.Line, actual.Column));
        Assert.True(actual.Line > 3_000, $"line {actual.Line}");
    }

    [Fact]
    public async Task ScanAsync_MoreRowsThanTheLimit_FailsOnTheFirstRowOverIt()
    {
        string csv = "a,b\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => i % 4 == 0 ? $"{i},\"two\nlines\"\n" : $"{i},{i}\n"));
        var options = new CsvReaderOptions { MaxRows = 2_345 };

        DataFormatException expected = await Assert.ThrowsAsync<DataFormatException>(() => ProfileAsync(Source(csv, chunked: false, options)));
        DataFormatException actual = await Assert.ThrowsAsync<DataFormatException>(() => ProfileAsync(Source(csv, chunked: true, options)));

        Assert.Equal(expected.Message, actual.Message);
        Assert.Contains("more than 2345 data rows", actual.Message, StringComparison.Ordinal);
    }
}
