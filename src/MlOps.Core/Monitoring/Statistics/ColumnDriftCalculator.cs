using System.Buffers;
using System.Globalization;
using MlOps.Core.Evaluation.Metrics;

namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// Computes every drift statistic for one column: numeric columns from two samples (sorted once, then one merge
/// walk and a few binary searches), categorical columns from two count vectors. Results agree with scipy 1.10.
/// </summary>
/// <remarks>
/// Samples must hold finite values only: missing values are the profile's business (counted apart), and a NaN here
/// is rejected with its index rather than silently dropped. The KS p-value follows scipy's ks_2samp(method="auto"),
/// so it switches from the exact distribution to the asymptotic one when a sample exceeds 10,000 values.
/// </remarks>
public static class ColumnDriftCalculator
{
    /// <summary>Equal-width bins spanning both samples for the numeric Jensen-Shannon distance.</summary>
    public const int JensenShannonBins = 20;

    /// <summary>Quantile bins of the reference for the numeric PSI (deciles).</summary>
    public const int PsiBins = 10;

    /// <summary>Drift statistics of a numeric column from unsorted samples (copied and sorted; the inputs are untouched).</summary>
    /// <exception cref="ArgumentException">An empty sample, or a NaN or infinite value.</exception>
    public static NumericDriftStatistics ComputeNumeric(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        // Pooled buffers: samples of a few hundred thousand values would otherwise churn the large object heap.
        double[] referenceBuffer = SortedCopy(reference, nameof(reference));
        try
        {
            double[] currentBuffer = SortedCopy(current, nameof(current));
            try
            {
                return FromSorted(referenceBuffer.AsSpan(0, reference.Length), currentBuffer.AsSpan(0, current.Length));
            }
            finally
            {
                ArrayPool<double>.Shared.Return(currentBuffer);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(referenceBuffer);
        }
    }

    /// <summary>Drift statistics of a numeric column from samples already sorted ascending (checked in one pass).</summary>
    /// <exception cref="ArgumentException">An empty or unsorted sample, or a NaN or infinite value.</exception>
    public static NumericDriftStatistics ComputeNumericSorted(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        EnsureSortedAndFinite(sortedReference, nameof(sortedReference));
        EnsureSortedAndFinite(sortedCurrent, nameof(sortedCurrent));
        return FromSorted(sortedReference, sortedCurrent);
    }

    /// <summary>Drift statistics of several numeric columns, columns processed in parallel.</summary>
    /// <param name="references">One reference sample per column.</param>
    /// <param name="currents">One current sample per column, in the same order.</param>
    /// <exception cref="ArgumentException">As <see cref="ComputeNumeric"/>, for the first failing column, with its index.</exception>
    public static NumericDriftStatistics[] ComputeNumericColumns(IReadOnlyList<double[]> references, IReadOnlyList<double[]> currents)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(currents);
        InputGuard.SameLength(references.Count, currents.Count, nameof(references), nameof(currents));
        var results = new NumericDriftStatistics[references.Count];
        var failures = new ArgumentException?[references.Count];
        Parallel.For(0, results.Length, i =>
        {
            try
            {
                results[i] = ComputeNumeric(references[i], currents[i]);
            }
            catch (ArgumentException error)
            {
                failures[i] = error;
            }
        });

        // Report the first bad column as one column would, rather than as the parallel loop's AggregateException.
        for (int i = 0; i < failures.Length; i++)
        {
            if (failures[i] is { } error)
            {
                string paramName = error.ParamName == "current" ? nameof(currents) : nameof(references);
                string reason = error.Message.Replace($" (Parameter '{error.ParamName}')", string.Empty, StringComparison.Ordinal);
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column {i}: {reason}"), paramName, error);
            }
        }

        return results;
    }

    /// <summary>Drift statistics of a categorical column from per-category counts (same category order on both sides).</summary>
    /// <exception cref="ArgumentException">Mismatched or empty vectors, a negative count, or a side with no observations.</exception>
    public static CategoricalDriftStatistics ComputeCategorical(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        InputGuard.NotEmpty(referenceCounts.Length, nameof(referenceCounts));
        InputGuard.SameLength(referenceCounts.Length, currentCounts.Length, nameof(referenceCounts), nameof(currentCounts));
        long referenceTotal = CheckedTotal(referenceCounts, nameof(referenceCounts));
        long currentTotal = CheckedTotal(currentCounts, nameof(currentCounts));
        (double statistic, double pValue, int degreesOfFreedom) = ChiSquaredHomogeneityTest.Compute(referenceCounts, currentCounts);
        return new CategoricalDriftStatistics(
            ReferenceCount: referenceTotal,
            CurrentCount: currentTotal,
            ChiSquared: statistic,
            ChiSquaredPValue: pValue,
            DegreesOfFreedom: degreesOfFreedom,
            Psi: DistributionDistances.PopulationStabilityIndex(referenceCounts, currentCounts),
            JensenShannonDistance: DistributionDistances.JensenShannon(referenceCounts, currentCounts));
    }

    private static NumericDriftStatistics FromSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        int n1 = reference.Length, n2 = current.Length;
        (long maxGap, double area) = WalkEmpiricalDistributions(reference, current);

        // Every gap i·n2 - j·n1 is a multiple of gcd(n1, n2); h is the statistic on its lattice of step 1/lcm.
        long g = TwoSampleKolmogorovSmirnov.GreatestCommonDivisor(n1, n2);
        long h = maxGap / g;
        (double pValue, KolmogorovSmirnovMethod method, double asymptotic) = TwoSampleKolmogorovSmirnov.PValues(n1, n2, h);

        double wasserstein = area / ((double)n1 * n2);
        double spread = PopulationStandardDeviation(reference);
        return new NumericDriftStatistics(
            ReferenceCount: n1,
            CurrentCount: n2,
            KsStatistic: (double)h / (n1 / g * n2),
            KsPValue: pValue,
            KsPValueMethod: method,
            KsAsymptoticPValue: asymptotic,
            Psi: QuantileBinPsi(reference, current),
            Wasserstein: wasserstein,
            WassersteinNormalized: spread > 0 ? wasserstein / spread : null,
            JensenShannonDistance: EqualWidthJensenShannon(reference, current));
    }

    /// <summary>
    /// One merge walk over the distinct values of both samples. Between consecutive values both empirical CDFs are
    /// flat, so the largest |F_ref - F_cur| (the KS statistic) and the area between them (the Wasserstein distance)
    /// come out of the same walk. CDF differences are kept as integers i·n2 - j·n1 to stay exact.
    /// </summary>
    private static (long MaxGap, double Area) WalkEmpiricalDistributions(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        int n1 = reference.Length, n2 = current.Length;
        int i = 0, j = 0;
        long maxGap = 0;
        double area = 0;
        double value = Math.Min(reference[0], current[0]);
        while (true)
        {
            while (i < n1 && reference[i] == value)
            {
                i++;
            }

            while (j < n2 && current[j] == value)
            {
                j++;
            }

            long gap = Math.Abs(((long)i * n2) - ((long)j * n1));
            maxGap = Math.Max(maxGap, gap);
            double next;
            if (i < n1)
            {
                next = j < n2 ? Math.Min(reference[i], current[j]) : reference[i];
            }
            else if (j < n2)
            {
                next = current[j];
            }
            else
            {
                return (maxGap, area);
            }

            area += gap * (next - value);
            value = next;
        }
    }

    /// <summary>PSI over the reference's deciles (numpy's linear quantiles, deduplicated), the outer bins open-ended.</summary>
    private static double QuantileBinPsi(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        Span<double> quantiles = stackalloc double[PsiBins + 1];
        for (int k = 0; k < PsiBins; k++)
        {
            quantiles[k] = LinearQuantile(reference, k * (1.0 / PsiBins));
        }

        quantiles[PsiBins] = LinearQuantile(reference, 1.0);
        quantiles.Sort();
        int unique = 1;
        for (int k = 1; k < quantiles.Length; k++)
        {
            if (quantiles[k] != quantiles[unique - 1])
            {
                quantiles[unique++] = quantiles[k];
            }
        }

        // The smallest and largest quantiles are replaced by -inf and +inf, leaving the interior ones as edges.
        ReadOnlySpan<double> edges = unique > 2 ? quantiles[1..(unique - 1)] : [];
        Span<long> referenceCounts = stackalloc long[edges.Length + 1];
        Span<long> currentCounts = stackalloc long[edges.Length + 1];
        CountBins(reference, edges, referenceCounts);
        CountBins(current, edges, currentCounts);
        return DistributionDistances.PopulationStabilityIndex(referenceCounts, currentCounts);
    }

    /// <summary>numpy.quantile's default (linear) method on sorted data, including its choice of interpolation end.</summary>
    internal static double LinearQuantile(ReadOnlySpan<double> sorted, double q)
    {
        double position = (sorted.Length - 1) * q;
        if (position >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        int below = (int)Math.Floor(position);
        double gamma = position - below;
        double low = sorted[below], high = sorted[below + 1];
        double difference = high - low;
        return gamma >= 0.5 ? high - (difference * (1 - gamma)) : low + (difference * gamma);
    }

    /// <summary>Jensen-Shannon distance over equal-width bins of the combined range, with numpy.histogram's edges.</summary>
    private static double EqualWidthJensenShannon(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double low = Math.Min(reference[0], current[0]);
        double high = Math.Max(reference[^1], current[^1]);
        if (low == high)
        {
            return 0.0;
        }

        // numpy.linspace: edge k = k·step + low; the last bin also holds the maximum.
        double step = (high - low) / JensenShannonBins;
        Span<double> edges = stackalloc double[JensenShannonBins - 1];
        for (int k = 0; k < edges.Length; k++)
        {
            edges[k] = ((k + 1) * step) + low;
        }

        Span<long> referenceCounts = stackalloc long[JensenShannonBins];
        Span<long> currentCounts = stackalloc long[JensenShannonBins];
        CountBins(reference, edges, referenceCounts);
        CountBins(current, edges, currentCounts);
        return DistributionDistances.JensenShannon(referenceCounts, currentCounts);
    }

    /// <summary>Counts sorted values into bins [edge[k-1], edge[k]), the first and last bins unbounded.</summary>
    private static void CountBins(ReadOnlySpan<double> sorted, ReadOnlySpan<double> edges, Span<long> counts)
    {
        int previous = 0;
        for (int k = 0; k < edges.Length; k++)
        {
            int below = LowerBound(sorted, edges[k], previous);
            counts[k] = below - previous;
            previous = below;
        }

        counts[edges.Length] = sorted.Length - previous;
    }

    /// <summary>The first index at or after <paramref name="start"/> whose value is not below <paramref name="edge"/>.</summary>
    private static int LowerBound(ReadOnlySpan<double> sorted, double edge, int start)
    {
        int low = start, high = sorted.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (sorted[middle] < edge)
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

    private static double PopulationStandardDeviation(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        double mean = sum / values.Length;
        double squares = 0;
        foreach (double value in values)
        {
            double deviation = value - mean;
            squares += deviation * deviation;
        }

        return Math.Sqrt(squares / values.Length);
    }

    /// <summary>A pooled buffer whose first values.Length entries are the values sorted; the caller returns it to the pool.</summary>
    private static double[] SortedCopy(ReadOnlySpan<double> values, string paramName)
    {
        InputGuard.NotEmpty(values.Length, paramName);
        double[] buffer = ArrayPool<double>.Shared.Rent(values.Length);
        Span<double> sorted = buffer.AsSpan(0, values.Length);
        values.CopyTo(sorted);
        RadixSort.Sort(sorted);

        // NaNs and infinities sort to the two ends, so the ends reveal any value that is not finite.
        if (!double.IsFinite(sorted[0]) || !double.IsFinite(sorted[^1]))
        {
            ArrayPool<double>.Shared.Return(buffer);
            InputGuard.Finite(values, paramName);
        }

        return buffer;
    }

    private static void EnsureSortedAndFinite(ReadOnlySpan<double> sorted, string paramName)
    {
        InputGuard.NotEmpty(sorted.Length, paramName);
        if (!double.IsFinite(sorted[0]) || !double.IsFinite(sorted[^1]))
        {
            InputGuard.Finite(sorted, paramName);
        }

        for (int i = 1; i < sorted.Length; i++)
        {
            if (!(sorted[i] >= sorted[i - 1]))
            {
                if (double.IsNaN(sorted[i]))
                {
                    throw InputGuard.NotFinite(sorted[i], i, paramName);
                }

                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The sample is not sorted ascending at index {i}."), paramName);
            }
        }
    }

    private static long CheckedTotal(ReadOnlySpan<long> counts, string paramName)
    {
        long total = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Count {counts[i]} at index {i} is negative."), paramName);
            }

            total = checked(total + counts[i]);
        }

        if (total == 0)
        {
            throw new ArgumentException("The counts hold no observations.", paramName);
        }

        return total;
    }
}
