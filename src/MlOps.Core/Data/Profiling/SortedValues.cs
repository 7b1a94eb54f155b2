namespace MlOps.Core.Data.Profiling;

/// <summary>Order statistics of a column small enough to sort in memory.</summary>
internal sealed class SortedValues : IRankedValues
{
    private readonly double[] _values;

    public SortedValues(List<double> values)
    {
        _values = [.. values];
        Array.Sort(_values);
    }

    public long Count => _values.Length;

    public double ValueAt(long rank) => _values[rank];

    public (long First, long Last) RanksOf(double value)
    {
        int first = LowerBound(value);
        int last = LowerBound(BitIncrement(value)) - 1;
        return (first, last);
    }

    private static double BitIncrement(double value) => Math.BitIncrement(value);

    private int LowerBound(double value)
    {
        int low = 0;
        int high = _values.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_values[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
