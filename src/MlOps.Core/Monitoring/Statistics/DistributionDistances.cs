namespace MlOps.Core.Monitoring.Statistics;

/// <summary>Distances between two histograms given as counts over the same bins.</summary>
internal static class DistributionDistances
{
    /// <summary>Floor applied to bin proportions so that an empty bin does not make the PSI infinite.</summary>
    public const double PsiFloor = 1e-4;

    /// <summary>PSI = Σ (cur - ref)·ln(cur / ref) over proportions floored at <see cref="PsiFloor"/>.</summary>
    public static double PopulationStabilityIndex(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        double referenceTotal = Sum(reference), currentTotal = Sum(current);
        double psi = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double r = Math.Max(reference[i] / referenceTotal, PsiFloor);
            double c = Math.Max(current[i] / currentTotal, PsiFloor);
            psi += (c - r) * Math.Log(c / r);
        }

        return psi;
    }

    /// <summary>Jensen-Shannon distance in base 2 (the square root of the divergence), as scipy.spatial.distance.jensenshannon.</summary>
    public static double JensenShannon(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        double referenceTotal = Sum(reference), currentTotal = Sum(current);
        double divergence = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double p = reference[i] / referenceTotal, q = current[i] / currentTotal;
            double mean = (p + q) / 2.0;
            divergence += RelativeEntropy(p, mean) + RelativeEntropy(q, mean);
        }

        // Rounding can leave a tiny negative divergence for identical histograms.
        return Math.Sqrt(Math.Max(divergence / Math.Log(2) / 2.0, 0));
    }

    private static double RelativeEntropy(double p, double q) => p > 0 ? p * Math.Log(p / q) : 0.0;

    private static double Sum(ReadOnlySpan<long> counts)
    {
        long total = 0;
        foreach (long count in counts)
        {
            total += count;
        }

        return total;
    }
}
