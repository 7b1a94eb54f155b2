namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Mean and sample variance as pandas computes them, in two passes: the mean from a compensated (Neumaier) sum,
/// then the sum of squared deviations from that mean. Two passes cost nothing extra (the profiler needs a second
/// look at large columns anyway) and avoid a division per value (Welford) or the cancellation of sum of squares.
/// </summary>
internal sealed class NumericMoments
{
    private double _sum;
    private double _sumCompensation;
    private double _squares;
    private double _squaresCompensation;
    private long _deviations;

    public long Count { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Mean => (_sum + _sumCompensation) / Count;

    /// <summary>Sample standard deviation (ddof = 1, as pandas); null below two values.</summary>
    public double? SampleStd => Count > 1 && _deviations == Count ? Math.Sqrt((_squares + _squaresCompensation) / (Count - 1)) : null;

    /// <summary>First pass: count, sum, min and max.</summary>
    public void Add(double value)
    {
        Count++;
        AddCompensated(ref _sum, ref _sumCompensation, value);
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>First pass: <see cref="Add"/> for each value in turn.</summary>
    public void AddAll(ReadOnlySpan<double> values)
    {
        double sum = _sum;
        double compensation = _sumCompensation;
        double min = Min;
        double max = Max;
        foreach (double value in values)
        {
            AddCompensated(ref sum, ref compensation, value);
            min = value < min ? value : min;
            max = value > max ? value : max;
        }

        Count += values.Length;
        (_sum, _sumCompensation, Min, Max) = (sum, compensation, min, max);
    }

    /// <summary>Second pass: the squared deviation of a value from the mean of the first.</summary>
    public void AddDeviation(double value, double mean)
    {
        double deviation = value - mean;
        AddCompensated(ref _squares, ref _squaresCompensation, deviation * deviation);
        _deviations++;
    }

    private static void AddCompensated(ref double sum, ref double compensation, double value)
    {
        double total = sum + value;
        compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - total) + value : (value - total) + sum;
        sum = total;
    }
}
