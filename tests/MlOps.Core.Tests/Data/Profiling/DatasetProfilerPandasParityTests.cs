using System.Text.Json;
using MlOps.Core.Data.Inference;
using MlOps.Core.Data.Profiling;
using static MlOps.Core.Tests.Data.Profiling.ProfileTestSources;

namespace MlOps.Core.Tests.Data.Profiling;

/// <summary>Every dataset's profile equals what pandas computes, on the one-pass and on the streaming route.</summary>
public class DatasetProfilerPandasParityTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string, bool> Datasets()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in new[] { "breast_cancer.csv", "iris.csv", "wine.csv", "digits.csv", "diabetes.csv",
            "data-fixtures/messy.csv", "data-fixtures/synthetic.csv" })
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task ProfileAsync_Dataset_MatchesPandas(string dataset, bool streaming)
    {
        DatasetProfile profile = await ProfileAsync(File(dataset), streaming ? Streaming() : null);
        JsonElement golden = PandasGolden.Dataset(dataset);

        Assert.Equal(golden.GetProperty("rows").GetInt64(), profile.RowCount);
        Assert.True(streaming ? profile.Passes >= 2 : profile.Passes == 1, $"{profile.Passes} passes");
        foreach (JsonProperty expected in golden.GetProperty("columns").EnumerateObject())
        {
            ColumnProfile column = profile.Column(expected.Name);
            Assert.Equal(expected.Value.GetProperty("count").GetInt64(), column.Count);
            Assert.Equal(expected.Value.GetProperty("missing").GetInt64(), column.Missing);
            if (expected.Value.TryGetProperty("numeric", out JsonElement numeric))
            {
                Assert.Equal(ColumnKind.Numeric, column.Kind);
                AssertNumericMatches(expected.Name, numeric, column.Numeric!);
            }
            else
            {
                Assert.Equal(ColumnKind.Categorical, column.Kind);
                var counts = expected.Value.GetProperty("value_counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
                Assert.Equal(counts, column.Categorical!.TopValues.ToDictionary(v => v.Value, v => v.Count));
            }
        }
    }

    [Fact]
    public async Task ProfileAsync_TinyQuantileBuckets_RefinesInMorePassesAndStillMatchesPandas()
    {
        const string dataset = "data-fixtures/synthetic.csv";
        DatasetProfile profile = await ProfileAsync(File(dataset), Streaming(bucketDistinctCap: 2));
        JsonElement golden = PandasGolden.Dataset(dataset).GetProperty("columns");

        Assert.True(profile.Passes > 2, $"expected refinement passes, got {profile.Passes}");
        foreach (string name in new[] { "normal", "ties", "spiky", "heavy", "gappy" })
        {
            AssertNumericMatches(name, golden.GetProperty(name).GetProperty("numeric"), profile.Column(name).Numeric!);
        }
    }

    private static void AssertNumericMatches(string column, JsonElement expected, NumericProfile actual)
    {
        Assert.Equal(expected.GetProperty("count").GetInt64(), actual.Count);
        AssertClose(column, "min", expected.GetProperty("min").GetDouble(), actual.Min);
        AssertClose(column, "max", expected.GetProperty("max").GetDouble(), actual.Max);
        AssertClose(column, "mean", expected.GetProperty("mean").GetDouble(), actual.Mean);
        AssertClose(column, "std", expected.GetProperty("std").GetDouble(), actual.Std!.Value);
        foreach (JsonProperty q in expected.GetProperty("quantiles").EnumerateObject())
        {
            double probability = double.Parse(q.Name, System.Globalization.CultureInfo.InvariantCulture);
            AssertClose(column, $"quantile {q.Name}", q.Value.GetDouble(), actual.Quantile(probability));
        }

        Assert.Equal(PandasGolden.Longs(expected.GetProperty("histogram_counts")), actual.Histogram.Counts);
        AssertAllClose(column, "histogram edges", PandasGolden.Doubles(expected.GetProperty("histogram_edges")), actual.Histogram.Edges);
        AssertAllClose(column, "decile cut points", PandasGolden.Doubles(expected.GetProperty("decile_cut_points")), actual.DecileBins.CutPoints);
        // numpy makes no bin at all for a constant column (its only edge is both -inf and +inf); we keep one bin of everything.
        long[] decileCounts = PandasGolden.Longs(expected.GetProperty("decile_counts"));
        Assert.Equal(decileCounts.Length == 0 ? [actual.Count] : decileCounts, actual.DecileBins.Counts);
    }

    private static void AssertAllClose(string column, string what, double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(column, $"{what}[{i}]", expected[i], actual[i]);
        }
    }

    private static void AssertClose(string column, string what, double expected, double actual)
    {
        double error = Math.Abs(expected - actual);
        Assert.True(error <= Tolerance * Math.Abs(expected) || error == 0,
            $"{column} {what}: pandas {expected:R}, ours {actual:R} (relative error {error / Math.Abs(expected):E2})");
    }
}
