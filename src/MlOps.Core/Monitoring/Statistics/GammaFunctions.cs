namespace MlOps.Core.Monitoring.Statistics;

/// <summary>Log-gamma and the regularized upper incomplete gamma function, for chi-squared p-values.</summary>
internal static class GammaFunctions
{
    private const double LanczosG = 7.0;

    private const int MaxIterations = 100_000;

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    // Lanczos coefficients for g = 7, n = 9: about 15 significant digits for x >= 0.5.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Γ(x) = Γ(x + 1) / x keeps the Lanczos sum in its accurate range.
            return LogGamma(x + 1) - Math.Log(x);
        }

        x -= 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        double t = x + LanczosG + 0.5;
        return HalfLogTwoPi + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function, for a &gt; 0 and x ≥ 0.</summary>
    public static double RegularizedUpper(double a, double x)
    {
        if (x <= 0)
        {
            return 1.0;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        double logPrefactor = (a * Math.Log(x)) - x - LogGamma(a);
        if (x < a + 1)
        {
            // The series for P(a, x) converges fast here, and Q = 1 - P is not small, so nothing cancels.
            double term = 1.0 / a, sum = term, denominator = a;
            for (int i = 0; i < MaxIterations && Math.Abs(term) > Math.Abs(sum) * 1e-17; i++)
            {
                denominator += 1;
                term *= x / denominator;
                sum += term;
            }

            return 1.0 - (sum * Math.Exp(logPrefactor));
        }

        // Modified Lentz evaluation of the continued fraction for Q: keeps full relative precision in the far tail.
        const double Tiny = 1e-300;
        double b = x + 1 - a, c = 1 / Tiny, d = 1 / b, fraction = d;
        for (int i = 1; i < MaxIterations; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            double delta = d * c;
            fraction *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(logPrefactor) * fraction;
    }

    /// <summary>Survival function of the chi-squared distribution with the given degrees of freedom.</summary>
    public static double ChiSquaredSurvival(double statistic, int degreesOfFreedom) =>
        RegularizedUpper(degreesOfFreedom / 2.0, statistic / 2.0);
}
