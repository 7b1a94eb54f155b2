using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using static MlOps.Core.Tests.Monitoring.MonitoringData;

namespace MlOps.Core.Tests.Monitoring.Drift;

public sealed class WindowAccumulatorTests
{
    private static readonly FeatureLayout Layout = new()
    {
        Task = ModelTask.Regression,
        Label = "y",
        Columns = ["a", "b", "c", "color", "y"],
        NumericFeatures = ["a", "b", "c"],
        CategoricalFeatures = ["color"],
    };

    [Fact]
    public void AddRow_TwoMillionRowsWithTheDefaultCap_KeepsFiftyThousandValuesAndAllocatesNothingPerRow()
    {
        var accumulator = WindowAccumulator.For(Layout, new DriftSpec());
        string[] colors = ["red", "green", "blue"];
        double[] numbers = new double[3];
        string?[] categories = new string?[1];
        var random = new Random(5);

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int row = 0; row < 2_000_000; row++)
        {
            numbers[0] = random.NextDouble();
            numbers[1] = row;
            numbers[2] = row % 10 == 0 ? double.NaN : -row;
            categories[0] = colors[row % 3];
            accumulator.AddRow(numbers, categories);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < 64 * 1024, $"{allocated:N0} bytes allocated while accumulating");
        Assert.Equal(2_000_000, accumulator.Rows);
        Assert.All(accumulator.Numeric, c => Assert.Equal(50_000, c.SampleSize));
        Assert.All(accumulator.Numeric, c => Assert.Equal(50_000, c.ToSortedSample().Length));
        Assert.Equal(200_000, accumulator.NumericColumn("c").Missing);
        Assert.True(accumulator.Sampled);
        Assert.Equal(3, accumulator.CategoricalColumn("color").Counts.Count);
    }

    [Fact]
    public void AddRow_ReservoirOfARunOfIntegers_IsAUniformSample()
    {
        var accumulator = new WindowAccumulator(Layout, sampleCap: 10_000, seed: 3);
        for (int row = 0; row < 1_000_000; row++)
        {
            accumulator.AddRow([row, 0, 0], ["red"]);
        }

        // A uniform sample of 0..999,999 has its deciles near 100,000·k (sd of a sample decile ≈ 3,000).
        double[] sample = accumulator.NumericColumn("a").ToSortedSample();
        for (int k = 1; k < 10; k++)
        {
            Assert.InRange(sample[k * 1_000], (k * 100_000) - 15_000, (k * 100_000) + 15_000);
        }
    }

    [Fact]
    public void AddRow_CapAboveTheRows_KeepsEveryValue()
    {
        var accumulator = new WindowAccumulator(Layout, sampleCap: 1_000);
        for (int row = 0; row < 500; row++)
        {
            accumulator.AddRow([row, row, row], ["red"]);
        }

        Assert.False(accumulator.Sampled);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (double)i), accumulator.NumericColumn("a").ToSortedSample());
    }

    [Fact]
    public void AddRow_MoreDistinctCategoriesThanTheCap_CountsTheRestAsOverflow()
    {
        var accumulator = new WindowAccumulator(Layout, sampleCap: 10, distinctCap: 100);
        for (int row = 0; row < 1_000; row++)
        {
            accumulator.AddRow([0, 0, 0], [$"c{row % 250}"]);
        }

        CategoricalWindowColumn color = accumulator.CategoricalColumn("color");
        Assert.Equal(100, color.Counts.Count);
        Assert.Equal(1_000, color.Count);
        Assert.Equal(1_000 - color.Counts.Values.Sum(), color.Overflow);
        Assert.Equal(4, color.Counts["c0"]);
    }

    [Fact]
    public void Add_LoggedRows_ReadsInputsByNameAndTheOutputOfTheTask()
    {
        var accumulator = new WindowAccumulator(Layout, sampleCap: 100);
        accumulator.Add(Logged(Line(new Dictionary<string, object?> { ["a"] = 1.0, ["b"] = "2.5", ["c"] = true, ["color"] = 7.0 }, "q", 0, Start, new MlOps.Core.Serving.Prediction("", 42.5, null))));
        accumulator.Add(Logged(Line(new Dictionary<string, object?> { ["a"] = null, ["color"] = "" }, "q", 1, Start, new MlOps.Core.Serving.Prediction("", 41.5, null), version: 2)));

        Assert.Equal([1.0], accumulator.NumericColumn("a").ToSortedSample());
        Assert.Equal(1, accumulator.NumericColumn("a").Missing);
        Assert.Equal([2.5], accumulator.NumericColumn("b").ToSortedSample());
        Assert.Equal(1, accumulator.NumericColumn("c").TypeErrors);
        Assert.Equal(1, accumulator.NumericColumn("c").Missing);
        Assert.Equal(1, accumulator.CategoricalColumn("color").Counts["7"]);
        Assert.Equal(1, accumulator.CategoricalColumn("color").Missing);
        Assert.Equal([41.5, 42.5], accumulator.PredictedValues!.ToSortedSample());
        Assert.Null(accumulator.PredictedLabels);
        Assert.Equal(1, accumulator.RowsByVersion[2]);
    }

    [Fact]
    public void Add_OutputVersionSet_CountsInputsOfEveryVersionAndOutputsOfThatOne()
    {
        var accumulator = WindowAccumulator.For(Layout, new DriftSpec(), outputVersion: 2);
        for (int version = 1; version <= 3; version++)
        {
            accumulator.Add(Logged(Line(new Dictionary<string, object?> { ["a"] = (double)version }, "q", version, Start, new MlOps.Core.Serving.Prediction("", version * 10.0, null), version)));
        }

        Assert.Equal(3, accumulator.NumericColumn("a").Count);
        Assert.Equal([20.0], accumulator.PredictedValues!.ToSortedSample());
        Assert.Equal(0, accumulator.PredictedValues.Missing);
    }

    [Fact]
    public void AddRow_WrongNumberOfValues_Throws()
    {
        var accumulator = new WindowAccumulator(Layout, sampleCap: 10);
        Assert.Throws<ArgumentException>(() => accumulator.AddRow([1, 2], ["red"]));
    }
}
