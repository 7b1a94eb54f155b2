namespace MlOps.Core.Data.Profiling;

/// <summary>Order statistics of a column: what stands at a rank of the sorted values, and which ranks a value occupies.</summary>
internal interface IRankedValues
{
    long Count { get; }

    double ValueAt(long rank);

    /// <summary>First and last 0-based rank of <paramref name="value"/>, which must be a value at a requested rank.</summary>
    (long First, long Last) RanksOf(double value);
}
