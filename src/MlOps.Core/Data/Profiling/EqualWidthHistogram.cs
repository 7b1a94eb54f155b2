namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Counts values into equal-width bins over [min, max] exactly as numpy.histogram(values, bins, range=(min, max))
/// does: edges from numpy.linspace, bins half-open except the last, the same one-ulp corrections at the edges.
/// </summary>
internal sealed class EqualWidthHistogram
{
    private readonly double _first;
    private readonly double _last;
    private readonly double _norm;
    private readonly double[] _edges;
    private readonly long[] _counts;

    public EqualWidthHistogram(double min, double max, int bins)
    {
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        _first = min;
        _last = max;
        _norm = bins / (max - min);
        _edges = new double[bins + 1];
        double step = (max - min) / bins;
        for (int i = 0; i < bins; i++)
        {
            _edges[i] = (i * step) + min;
        }

        _edges[bins] = max;
        _counts = new long[bins];
    }

    public IReadOnlyList<double> Edges => _edges;

    public IReadOnlyList<long> Counts => _counts;

    public void Add(double value)
    {
        int bins = _counts.Length;
        if (!(value >= _first && value <= _last))
        {
            return;
        }

        int index = (int)((value - _first) * _norm);
        if (index >= bins)
        {
            index = bins - 1;
        }

        if (value < _edges[index])
        {
            index--;
        }
        else if (index != bins - 1 && value >= _edges[index + 1])
        {
            index++;
        }

        _counts[index]++;
    }
}
