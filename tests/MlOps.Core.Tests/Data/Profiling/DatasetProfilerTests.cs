using System.Globalization;
using System.Text;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Inference;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Tests.Data.Parquet;
using static MlOps.Core.Tests.Data.Profiling.ProfileTestSources;

namespace MlOps.Core.Tests.Data.Profiling;

public class DatasetProfilerTests
{
    public static TheoryData<string, bool> SummarySources => new()
    {
        { "data-fixtures/synthetic.csv", false },
        { "data-fixtures/synthetic.csv", true },
        { "breast_cancer.csv", false },
        { "data-fixtures/messy.csv", false },
    };

    [Theory]
    [MemberData(nameof(SummarySources))]
    public async Task BeginAsync_Summary_AsTheFinishedProfileStatesIt(string file, bool streaming)
    {
        // "ties" as categorical: its values were dropped early as numeric-looking, so a recount pass is needed.
        DatasetProfilerOptions options = streaming ? Streaming() : new DatasetProfilerOptions();
        options.KindOverrides = new Dictionary<string, ColumnKind> { ["ties"] = ColumnKind.Categorical, ["spiky"] = ColumnKind.Categorical };

        using ProfilingRun run = await new DatasetProfiler(options).BeginAsync(File(file));
        DatasetSummary summary = run.Summary;
        DatasetProfile profile = await run.FinishAsync();

        DatasetSummary expected = DatasetSummary.Of(profile);
        Assert.Equal(expected.RowCount, summary.RowCount);
        Assert.Equal(expected.Columns, summary.Columns);
        Assert.Contains(summary.Columns, c => c.Range is not null);
    }

    [Fact]
    public async Task ProfileAsync_NumericColumnWithATypo_CountsTypeErrorAndExcludesIt()
    {
        string csv = "x\n" + string.Concat(Enumerable.Range(1, 199).Select(i => $"{i}\n")) + "oops\n";

        ColumnProfile x = (await ProfileAsync(Text(csv))).Column("x");

        Assert.Equal((ColumnKind.Numeric, 200L, 0L, 1L), (x.Kind, x.Count, x.Missing, x.TypeErrors));
        Assert.Equal((199L, 1.0, 199.0, 100.0), (x.Numeric!.Count, x.Numeric.Min, x.Numeric.Max, x.Numeric.Mean));
    }

    [Fact]
    public async Task ProfileAsync_LongMultiWordStrings_TextWithLengths()
    {
        string csv = "review\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"\"this product number {i} was quite good, really\"\n"));

        ColumnProfile review = (await ProfileAsync(Text(csv))).Column("review");

        Assert.Equal(ColumnKind.Text, review.Kind);
        Assert.Null(review.Categorical);
        Assert.Equal(1.0, review.Text!.MultiWordShare);
        Assert.InRange(review.Text.MeanLength, 44, 46);
    }

    [Fact]
    public async Task ProfileAsync_KindOverride_WinsAndIgnoreDropsSummaries()
    {
        var options = new DatasetProfilerOptions
        {
            KindOverrides = new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical, ["id"] = ColumnKind.Ignore },
        };

        DatasetProfile profile = await ProfileAsync(Text("id,zip\n1,75001\n2,75002\n3,75001\n"), options);

        Assert.Equal(ColumnKind.Ignore, profile.Column("id").Kind);
        Assert.Null(profile.Column("id").Numeric);
        Assert.Equal([new CategoryCount("75001", 2), new CategoryCount("75002", 1)], profile.Column("zip").Categorical!.TopValues);
    }

    [Fact]
    public async Task ProfileAsync_AllMissingColumn_Ignored()
    {
        ColumnProfile empty = (await ProfileAsync(Text("a,b\n1,\n2,NA\n3,?\n"))).Column("b");

        Assert.Equal((ColumnKind.Ignore, 0L, 3L), (empty.Kind, empty.Count, empty.Missing));
    }

    [Fact]
    public async Task ProfileAsync_MoreDistinctValuesThanCap_FlagsCardinalityCapped()
    {
        string csv = "code\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"c{i % 300}\n"));

        CategoricalProfile codes = (await ProfileAsync(Text(csv), new DatasetProfilerOptions { CardinalityCap = 100, TopValues = 5 })).Column("code").Categorical!;

        Assert.True(codes.CardinalityCapped);
        Assert.Equal(100, codes.Cardinality);
        Assert.Equal(5, codes.TopValues.Count);
        Assert.Equal(500 - codes.TopValues.Sum(v => v.Count), codes.OtherCount);
    }

    [Fact]
    public async Task ProfileAsync_TopValues_OrderedByCountThenValueWithOtherCount()
    {
        CategoricalProfile colours = (await ProfileAsync(Text("c\nb\na\nb\nc\nc\nd\n"), new DatasetProfilerOptions { TopValues = 2 })).Column("c").Categorical!;

        Assert.Equal([new CategoryCount("b", 2), new CategoryCount("c", 2)], colours.TopValues);
        Assert.Equal((4L, 2L), (colours.Cardinality, colours.OtherCount));
    }

    [Fact]
    public async Task ProfileAsync_BinaryLabel_NumericWithClassFrequencies()
    {
        string csv = "label\n" + string.Concat(Enumerable.Range(0, 10).Select(i => i < 7 ? "0\n" : "1\n"));

        ColumnProfile label = (await ProfileAsync(Text(csv))).Column("label");

        Assert.Equal(ColumnKind.Numeric, label.Kind);
        Assert.Equal([new CategoryCount("0", 7), new CategoryCount("1", 3)], label.Categorical!.TopValues);
    }

    [Fact]
    public async Task ProfileAsync_NumbersThenWords_RecountsCategoricalInASecondScan()
    {
        // 60 distinct numbers first make the counter give up (it looks numeric), then words make the column categorical.
        var rows = Enumerable.Range(0, 60).Select(i => i.ToString(CultureInfo.InvariantCulture))
            .Concat(Enumerable.Repeat("n/a-ish", 30)).Concat(Enumerable.Repeat("unknown", 10));

        DatasetProfile profile = await ProfileAsync(Text("v\n" + string.Join('\n', rows)));
        ColumnProfile v = profile.Column("v");

        Assert.Equal(ColumnKind.Categorical, v.Kind);
        Assert.Equal((62L, false), (v.Categorical!.Cardinality, v.Categorical.CardinalityCapped));
        Assert.Equal(new CategoryCount("n/a-ish", 30), v.Categorical.TopValues[0]);
        Assert.Equal((2, 2), (profile.Passes, profile.SourceScans));
    }

    [Fact]
    public async Task ProfileAsync_ReservoirSample_BoundedSeededAndDrawnFromTheData()
    {
        string csv = "x\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i}\n"));

        IReadOnlyList<double> first = (await ProfileAsync(Text(csv), new DatasetProfilerOptions { SampleSize = 100 })).Column("x").Numeric!.Sample;
        IReadOnlyList<double> again = (await ProfileAsync(Text(csv), new DatasetProfilerOptions { SampleSize = 100 })).Column("x").Numeric!.Sample;
        IReadOnlyList<double> otherSeed = (await ProfileAsync(Text(csv), new DatasetProfilerOptions { SampleSize = 100, Seed = 7 })).Column("x").Numeric!.Sample;

        Assert.Equal(100, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.All(first, v => Assert.InRange(v, 0, 4999));
        Assert.Equal(100, first.Distinct().Count());
        Assert.True(first.Max() > 2500, "a uniform sample reaches the second half of the stream");
    }

    [Fact]
    public async Task ProfileAsync_FewerValuesThanSampleSize_SampleHoldsThemAll()
    {
        NumericProfile x = (await ProfileAsync(Text("x\n3\n1\n2\n"))).Column("x").Numeric!;

        Assert.Equal([1.0, 2.0, 3.0], x.Sample);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task ProfileAsync_ParseThreadAndSpillVariants_SameProfile(bool parseInParallel, bool spill)
    {
        var options = Streaming();
        options.SpillDirectory = spill ? Path.GetTempPath() : null;
        var source = new CsvDatasetSource(() => System.IO.File.OpenRead(MlOps.Testing.TestData.PathOf("data-fixtures/synthetic.csv")), "synthetic.csv")
        {
            ParseInParallel = parseInParallel,
        };

        DatasetProfile actual = await ProfileAsync(source, options);
        DatasetProfile reference = await ProfileAsync(File("data-fixtures/synthetic.csv"), new DatasetProfilerOptions { InMemoryValueBudget = long.MaxValue });

        Assert.True(actual.Passes >= 2);
        Assert.Equal(spill ? 1 : actual.Passes, actual.SourceScans);
        foreach (ColumnProfile expected in reference.Columns)
        {
            ColumnProfile column = actual.Column(expected.Name);
            Assert.Equal(expected.Kind, column.Kind);
            if (expected.Numeric is { } numeric)
            {
                Assert.Equal(numeric.Quantiles, column.Numeric!.Quantiles);
                Assert.Equal(numeric.Histogram.Counts, column.Numeric.Histogram.Counts);
                Assert.Equal(numeric.DecileBins.Counts, column.Numeric.DecileBins.Counts);
                Assert.Equal(numeric.Std!.Value, column.Numeric.Std!.Value, 1e-12);
            }
        }
    }

    [Fact]
    public async Task ProfileAsync_RaggedRowOnParseThread_ThrowsTheFormatError()
    {
        string csv = "a,b\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{i},{i}\n")) + "1,2,3\n";
        var source = new CsvDatasetSource(() => new MemoryStream(Encoding.UTF8.GetBytes(csv)), "ragged.csv") { ParseInParallel = true };

        DataFormatException error = await Assert.ThrowsAsync<DataFormatException>(() => ProfileAsync(source));

        Assert.Equal((10_002L, 3), (error.Line, error.Column));
    }

    [Fact]
    public async Task ProfileAsync_SourceChangesBetweenPasses_Throws()
    {
        int opened = 0;
        var source = new CsvDatasetSource(
            () => new MemoryStream(Encoding.UTF8.GetBytes(++opened == 1 ? "x\n1\n2\n3\n" : "x\n1\n2\n")), "moving.csv");

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ProfileAsync(source, new DatasetProfilerOptions { InMemoryValueBudget = 0, SpillDirectory = null }));

        Assert.Contains("changed between profiling passes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileAsync_ParquetAndCsvOfTheSameRows_SameProfile()
    {
        var rows = ParquetTestFiles.RandomRows(3000, 5);
        byte[] parquet = await ParquetTestFiles.WriteAsync(rows, rowGroupSize: 1000);
        string csv = "score,count,flag,colour\n" + string.Concat(rows.Select(r =>
            $"{r.Score?.ToString("R", CultureInfo.InvariantCulture) ?? ""},{r.Count},{(r.Flag ? 1 : 0)},{r.Colour}\n"));
        var options = Streaming();

        DatasetProfile fromParquet = await ProfileAsync(new ParquetDatasetSource(() => new MemoryStream(parquet), "t.parquet"), options);
        DatasetProfile fromCsv = await ProfileAsync(Text(csv), options);

        Assert.Equal(3000, fromParquet.RowCount);
        foreach (string name in new[] { "score", "count", "flag" })
        {
            NumericProfile expected = fromCsv.Column(name).Numeric!;
            NumericProfile actual = fromParquet.Column(name).Numeric!;
            Assert.Equal((expected.Count, expected.Min, expected.Max), (actual.Count, actual.Min, actual.Max));
            Assert.Equal(expected.Quantiles, actual.Quantiles);
            Assert.Equal(expected.Mean, actual.Mean, 1e-12);
        }

        Assert.Equal(fromCsv.Column("colour").Missing, fromParquet.Column("colour").Missing);
        Assert.Equal(fromCsv.Column("colour").Categorical!.TopValues, fromParquet.Column("colour").Categorical!.TopValues);
        Assert.Equal(ColumnKind.Categorical, fromParquet.Column("when").Kind);
    }

    [Fact]
    public async Task DatasetProfileJson_RoundTrip_PreservesEveryField()
    {
        DatasetProfile profile = await ProfileAsync(File("data-fixtures/messy.csv"));

        string json = DatasetProfileJson.Serialize(profile);
        DatasetProfile back = DatasetProfileJson.Deserialize(json);

        Assert.Equal(json, DatasetProfileJson.Serialize(back));
        Assert.Contains("\"kind\":\"Numeric\"", json, StringComparison.Ordinal);
        Assert.Equal(profile.Column("temperature").Numeric!.Quantiles, back.Column("temperature").Numeric!.Quantiles);
    }
}
