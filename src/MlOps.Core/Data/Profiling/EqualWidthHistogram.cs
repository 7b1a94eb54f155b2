namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Counts values into equal-width bins over [min, max] exactly as numpy.histogram(values, bins, range=(min, max))
/// does: edges from numpy.linspace, bins half-open except the last, the same one-ulp corrections at the edges.
/// </summary>
internal sealed class EqualWidthHistogram
{
    private readonly double _first;
    private readonly double _norm;

    public EqualWidthHistogram(double min, double max, int bins)
    {
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        _first = min;
        _norm = bins / (max - min);
        Edges = new double[bins + 1];
        double step = (max - min) / bins;
        for (int i = 0; i < bins; i++)
        {
            Edges[i] = (i * step) + min;
        }

        Edges[bins] = max;
        Counts = new long[bins];
    }

    public double[] Edges { get; }

    public long[] Counts { get; }

    public void Add(double value)
    {
        int bins = Counts.Length;
        if (!(value >= _first && value <= Edges[bins]))
        {
            return;
        }

        int index = (int)((value - _first) * _norm);
        if (index >= bins)
        {
            index = bins - 1;
        }

        if (value < Edges[index])
        {
            index--;
        }
        else if (index != bins - 1 && value >= Edges[index + 1])
        {
            index++;
        }

        Counts[index]++;
    }
}
