namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A uniform sample of bounded size from a stream of unknown length (Li's Algorithm L: it draws random numbers
/// only when it keeps an item, so most values cost one comparison). Seeded, so a profile is reproducible.
/// </summary>
internal sealed class ReservoirSampler
{
    private readonly double[] _items;
    private readonly Random _random;
    private long _seen;
    private long _nextKept;
    private double _w;

    public ReservoirSampler(int capacity, int seed)
    {
        _items = new double[capacity];
        _random = new Random(seed);
    }

    public void Add(double value)
    {
        int capacity = _items.Length;
        if (_seen < capacity)
        {
            _items[_seen++] = value;
            if (_seen == capacity)
            {
                _w = Math.Exp(Math.Log(Uniform()) / capacity);
                _nextKept = capacity - 1 + Skip();
            }

            return;
        }

        if (_seen == _nextKept)
        {
            _items[_random.Next(capacity)] = value;
            _w *= Math.Exp(Math.Log(Uniform()) / capacity);
            _nextKept += Skip();
        }

        _seen++;
    }

    /// <summary>
    /// <see cref="Add"/> for each value in turn; once the reservoir is full, only the values Algorithm L keeps are
    /// touched, the others skipped as a count.
    /// </summary>
    public void AddAll(ReadOnlySpan<double> values)
    {
        int i = 0;
        while (i < values.Length && _seen < _items.Length)
        {
            Add(values[i++]);
        }

        while (i < values.Length)
        {
            long skipped = Math.Min(_nextKept - _seen, values.Length - i);
            _seen += skipped;
            i += (int)skipped;
            if (i < values.Length)
            {
                Add(values[i++]);
            }
        }
    }

    /// <summary>The sample in ascending order (the order of a sample carries no information; sorted is ready for KS).</summary>
    public double[] ToSortedArray()
    {
        double[] sample = _items[..(int)Math.Min(_seen, _items.Length)];
        Array.Sort(sample);
        return sample;
    }

    private long Skip()
    {
        double skip = Math.Floor(Math.Log(Uniform()) / Math.Log(1 - _w)) + 1;
        return skip < long.MaxValue / 4 ? (long)skip : long.MaxValue / 4;
    }

    private double Uniform() => 1.0 - _random.NextDouble();
}
