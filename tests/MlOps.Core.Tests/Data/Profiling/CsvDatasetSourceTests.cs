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

    [Theory]
    [InlineData(5, "column 5")]
    [InlineData(0, "column 0")]
    public async Task ScanAsync_ColumnsVisitedOnTwoThreadsAndOneFails_ThrowsThatFailureOnceBothHalvesAreDone(int failingColumn, string expected)
    {
        string csv = "a,b,c,d,e,f\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},{i % 7},x{i % 3},{i * 0.5},{-i},{i}\n"));
        var visitor = new FailingColumnsVisitor(afterRows: 9_000, failingColumn, 5);

        InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Source(csv, chunked: true).ScanAsync(visitor, CancellationToken.None));

        // The first column is always the calling thread's, the last the helper's (the split point between them moves
        // with the columns' costs); when both fail in a batch, the calling thread's half's failure wins.
        Assert.Equal(expected, failure.Message);
        Assert.Equal(0, visitor.Busy);
        Assert.False(visitor.OnHelperThread[0]);
        Assert.True(visitor.OnHelperThread[5]);
    }

    /// <summary>Takes columns concurrently, notes whether the helper thread visits each, and fails in the given columns once it has seen enough rows.</summary>
    private sealed class FailingColumnsVisitor(long afterRows, params int[] failing) : IDatasetVisitor, IColumnBatchVisitor
    {
        private long _rows;
        private int _busy;

        public int Busy => _busy;

        /// <summary>Per column, whether every one of its batches came on the scan's helper thread.</summary>
        public bool[] OnHelperThread { get; } = new bool[6];

        public bool TakesColumnsConcurrently => true;

        public void OnColumns(IReadOnlyList<string> names)
        {
        }

        public bool WantsColumn(int column) => true;

        public void OnMissing(int column)
        {
        }

        public void OnNumber(int column, double value, ReadOnlySpan<byte> text)
        {
        }

        public void OnText(int column, ReadOnlySpan<byte> utf8)
        {
        }

        public void OnRows(long count) => _rows += count;

        public void OnColumnBatch(int column, CsvValueBatch batch, int batchColumn)
        {
            Interlocked.Increment(ref _busy);
            try
            {
                bool helper = Thread.CurrentThread.Name == "CSV column visitor";
                OnHelperThread[column] = _rows == 0 ? helper : OnHelperThread[column] && helper;
                if (Volatile.Read(ref _rows) >= afterRows && failing.Contains(column))
                {
                    throw new InvalidOperationException($"column {column}");
                }
            }
            finally
            {
                Interlocked.Decrement(ref _busy);
            }
        }
    }
}
