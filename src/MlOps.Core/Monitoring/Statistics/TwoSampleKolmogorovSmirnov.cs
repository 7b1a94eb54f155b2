namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// p-values of the two-sided two-sample Kolmogorov-Smirnov test as scipy 1.10's ks_2samp computes them.
/// </summary>
/// <remarks>
/// The statistic is given on its lattice: D = h / lcm(n1, n2) for an integer h, which is what the exact path
/// counting needs and what removes any doubt about rounding D.
/// </remarks>
internal static class TwoSampleKolmogorovSmirnov
{
    /// <summary>scipy's method="auto" is exact while neither sample exceeds this size.</summary>
    public const int MaxExactSampleSize = 10_000;

    /// <summary>The default p-value (exact for small samples, else asymptotic) and the asymptotic one.</summary>
    public static (double PValue, KolmogorovSmirnovMethod Method, double AsymptoticPValue) PValues(int n1, int n2, long h)
    {
        long g = GreatestCommonDivisor(n1, n2);
        long lcm = n1 / g * n2;
        double d = (double)h / lcm;
        double asymptotic = Asymptotic(n1, n2, d);
        if (Math.Max(n1, n2) <= MaxExactSampleSize)
        {
            double exact = h == 0 ? 1.0 : (n1 == n2 ? OutsideSquare(n1, h) : OutsideBand(n1, n2, g, h));
            if (exact is >= 0 and <= 1)
            {
                return (exact, KolmogorovSmirnovMethod.Exact, asymptotic);
            }
        }

        return (asymptotic, KolmogorovSmirnovMethod.Asymptotic, asymptotic);
    }

    public static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>scipy's method="asymp": the one-sample distribution at the effective sample size, rounded half to even.</summary>
    internal static double Asymptotic(int n1, int n2, double d)
    {
        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        double effective = m * n / (m + n);
        return KolmogorovDistribution.Survival((int)Math.Round(effective, MidpointRounding.ToEven), d);
    }

    /// <summary>
    /// Pr(D ≥ h/n) for two samples of size n: 2 Σ_k (-1)^(k+1) C(2n, n - kh) / C(2n, n), evaluated Horner-like from
    /// the last term so that the alternating sum does not cancel.
    /// </summary>
    internal static double OutsideSquare(int n, long h)
    {
        double p = 0.0;
        for (long k = n / h; k >= 0; k--)
        {
            double ratio = 1.0;
            for (long j = 0; j < h; j++)
            {
                ratio = (n - (k * h) - j) * ratio / (n + (k * h) + j + 1);
            }

            p = ratio * (1.0 - p);
        }

        return 2 * p;
    }

    /// <summary>
    /// Share of the lattice paths from (0, 0) to (m, n) that leave the band |x/m - y/n| &lt; h/lcm, by Hodges' inside
    /// method with Viehmann's (2021) recursion for 1 - p, which keeps every intermediate value in [0, 1].
    /// </summary>
    internal static double OutsideBand(int n1, int n2, long g, long h)
    {
        int m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        long mg = m / g, ng = n / g;

        // One column of the path table at a time, and only its window inside the band.
        int minJ = 0;
        int maxJ = (int)Math.Min(CeilingDivide(h, mg), n + 1);
        int currentLength = maxJ - minJ;
        int length = Math.Min((2 * maxJ) + 2, n + 1);
        double[] column = new double[length];
        Array.Fill(column, 1.0);
        Array.Clear(column, minJ, Math.Min(maxJ, length) - minJ);
        for (int i = 1; i <= m; i++)
        {
            int lastMinJ = minJ, lastLength = currentLength;
            minJ = (int)Math.Min(Math.Max(FloorDivide((ng * i) - h, mg) + 1, 0), n);
            maxJ = (int)Math.Min(CeilingDivide((ng * i) + h, mg), n + 1);
            if (maxJ <= minJ)
            {
                return 1.0;
            }

            double value = minJ == 0 ? 0.0 : 1.0;
            for (int jj = 0; jj < maxJ - minJ; jj++)
            {
                int j = jj + minJ;
                value = ((column[jj + minJ - lastMinJ] * i) + (value * j)) / (i + j);
                column[jj] = value;
            }

            currentLength = maxJ - minJ;
            if (lastLength > currentLength)
            {
                int start = maxJ - minJ;
                int end = Math.Min(start + lastLength - currentLength, length);
                Array.Fill(column, 1.0, start, end - start);
            }
        }

        return column[maxJ - minJ - 1];
    }

    private static long FloorDivide(long numerator, long denominator)
    {
        long quotient = numerator / denominator;
        return numerator % denominator != 0 && (numerator < 0) != (denominator < 0) ? quotient - 1 : quotient;
    }

    private static long CeilingDivide(long numerator, long denominator) => -FloorDivide(-numerator, denominator);
}
