using System.Runtime.InteropServices;

namespace MlOps.Core.Data.Profiling;

/// <summary>Order statistics of a column small enough to sort in memory.</summary>
internal sealed class SortedValues : IRankedValues
{
    private readonly List<double> _values;

    /// <summary>Sorts <paramref name="values"/> in place (no copy: this route is for data that only just fits).</summary>
    public SortedValues(List<double> values)
    {
        _values = values;
        CollectionsMarshal.AsSpan(values).Sort();
    }

    public long Count => _values.Count;

    public double ValueAt(long rank) => _values[(int)rank];

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
        int high = _values.Count;
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
