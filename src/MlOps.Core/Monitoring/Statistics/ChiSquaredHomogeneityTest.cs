namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// Pearson's chi-squared test that two count vectors come from one distribution: scipy's chi2_contingency on the
/// 2×k table without continuity correction, after dropping categories that neither side observed.
/// </summary>
internal static class ChiSquaredHomogeneityTest
{
    /// <remarks>Both sides must have a positive total (the caller checks), else the expected counts would be zero.</remarks>
    public static (double Statistic, double PValue, int DegreesOfFreedom) Compute(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        long referenceTotal = 0, currentTotal = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            referenceTotal += reference[i];
            currentTotal += current[i];
        }

        double total = referenceTotal + currentTotal;
        double statistic = 0;
        int categories = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            long categoryTotal = reference[i] + current[i];
            if (categoryTotal == 0)
            {
                continue;
            }

            categories++;
            statistic += PearsonTerm(reference[i], (double)referenceTotal * categoryTotal / total);
            statistic += PearsonTerm(current[i], (double)currentTotal * categoryTotal / total);
        }

        int degreesOfFreedom = categories - 1;
        if (degreesOfFreedom == 0)
        {
            // One category: both sides are identical by construction, as scipy reports.
            return (0.0, 1.0, 0);
        }

        return (statistic, GammaFunctions.ChiSquaredSurvival(statistic, degreesOfFreedom), degreesOfFreedom);
    }

    private static double PearsonTerm(long observed, double expected)
    {
        double difference = observed - expected;
        return difference * difference / expected;
    }
}
