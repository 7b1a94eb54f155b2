using MlOps.Core.Monitoring.Statistics;

namespace MlOps.Core.Tests.Monitoring.Statistics;

public sealed class RadixSortTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(5000)]
    [InlineData(200_000)]
    public void Sort_MixedSignsTiesAndExtremes_OrdersAsArraySort(int length)
    {
        var random = new Random(length);
        double[] values = Enumerable.Range(0, length).Select(i => (i % 4) switch
        {
            0 => (random.NextDouble() - 0.5) * 1e6,
            1 => Math.Round(random.NextDouble() * 20) - 10,
            2 => (random.NextDouble() - 0.5) * 1e-300,
            _ => i % 8 == 3 ? double.MaxValue : -double.Epsilon,
        }).ToArray();
        double[] expected = (double[])values.Clone();
        Array.Sort(expected);

        RadixSort.Sort(values);

        Assert.Equal(expected, values);
    }

    [Fact]
    public void Sort_ValuesSharingHighDigits_SkipsPassesAndStillSorts()
    {
        double[] values = Enumerable.Range(0, 10_000).Select(i => 1.0 + ((i * 7919 % 10_000) * 1e-12)).ToArray();

        RadixSort.Sort(values);

        Assert.True(values.Zip(values.Skip(1)).All(pair => pair.First <= pair.Second));
    }

    [Fact]
    public void Sort_NaNsAndInfinities_EndUpAtTheEnds()
    {
        double[] values = Enumerable.Range(0, 8192).Select(i => (double)(i % 100)).ToArray();
        values[17] = double.NaN;
        values[4000] = double.PositiveInfinity;
        values[5000] = double.NegativeInfinity;

        RadixSort.Sort(values);

        Assert.False(double.IsFinite(values[0]));
        Assert.False(double.IsFinite(values[^1]));
    }
}
