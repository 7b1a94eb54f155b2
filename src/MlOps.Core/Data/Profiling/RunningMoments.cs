namespace MlOps.Core.Data.Profiling;

/// <summary>Welford's one-pass mean and variance (numerically stable, unlike sum of squares), with min and max.</summary>
internal sealed class RunningMoments
{
    private double _m2;

    public long Count { get; private set; }

    public double Mean { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Sample standard deviation (ddof = 1, as pandas); null below two values.</summary>
    public double? SampleStd => Count > 1 ? Math.Sqrt(_m2 / (Count - 1)) : null;

    public void Add(double value)
    {
        Count++;
        double delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }
}
