namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// The two-sided one-sample Kolmogorov-Smirnov distribution, Pr(D_n ≥ x): scipy.stats.kstwo.sf(x, n), which
/// scipy's ks_2samp(method="asymp") evaluates at n = round(n1·n2 / (n1 + n2)).
/// </summary>
/// <remarks>
/// Simard and L'Ecuyer (2011) choose among exact and approximate methods by n and n·x²; the same regions as
/// scipy 1.10's _kolmogn are used, because the approximations (Pelz-Good, 2·smirnov) differ from the exact value
/// by more than the agreement wanted with scipy.
/// </remarks>
internal static class KolmogorovDistribution
{
    /// <summary>The exact methods carry powers of two aside (2^±128 at a time) to keep products inside double range.</summary>
    internal const int ScaleExponent = 128;

    internal static readonly double ScaleUp = Math.ScaleB(1.0, ScaleExponent);

    internal static readonly double ScaleDown = Math.ScaleB(1.0, -ScaleExponent);

    private const int SmallN = 140;

    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    public static double Survival(int n, double x)
    {
        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        double t = n * x;
        if (t <= 1.0)
        {
            // Ruben-Gambino: for 1/2n ≤ x ≤ 1/n the CDF is n!/nⁿ (2t - 1)ⁿ.
            if (t <= 0.5)
            {
                return 1.0;
            }

            return Clip(1.0 - RubenGambinoCdf(n, t));
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovDistribution.Survival(n, x));
        }

        double nxSquared = t * x;
        if (n <= SmallN)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - DurbinMatrix.Cdf(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - PomeranzRecursion.Cdf(n, x));
            }

            return Clip(2 * SmirnovDistribution.Survival(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovDistribution.Survival(n, x));
        }

        double cdf = n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinMatrix.Cdf(n, x) : PelzGoodCdf(n, x);
        return Clip(1.0 - cdf);
    }

    internal static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);

    private static double RubenGambinoCdf(int n, double t)
    {
        if (n <= SmallN)
        {
            double product = 1.0;
            for (int i = 1; i <= n; i++)
            {
                product *= i * (1.0 / n) * ((2 * t) - 1);
            }

            return product;
        }

        return Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
    }

    /// <summary>ln(n!/nⁿ) by Stirling's series with n·ln(n) removed up front, so nothing cancels.</summary>
    private static double LogFactorialOverPower(int n)
    {
        double reciprocal = 1.0 / n;
        double argument = reciprocal / n;
        double series = 0;
        foreach (double coefficient in StirlingCoefficients)
        {
            series = (series * argument) + coefficient;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (reciprocal * series);
    }

    /// <summary>
    /// Pelz and Good's (1976) approximation to Pr(D_n ≤ x): Li-Chien and Korolyuk's expansion in 1/√n with each term
    /// transformed through Jacobi theta functions so that it converges for small z = x√n.
    /// </summary>
    private static double PelzGoodCdf(int n, double x)
    {
        const double PiSquared = Math.PI * Math.PI;
        const double PiFour = PiSquared * PiSquared;
        const double PiSix = PiFour * PiSquared;
        double sqrtTwoPi = Math.Sqrt(2 * Math.PI);

        double z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        double qLog = -PiSquared / 8 / z2;
        if (qLog < -708)
        {
            return 0.0;
        }

        double q = Math.Exp(qLog);
        double k1a = -z2, k1b = PiSquared / 4;
        double k2a = (6 * z6) + (2 * z4), k2b = ((2 * z4) - (5 * z2)) * PiSquared / 4, k2c = PiFour * (1 - (2 * z2)) / 16;
        double k3d = PiSix * (5 - (30 * z2)) / 64;
        double k3c = PiFour * ((-60 * z2) + (212 * z4)) / 16;
        double k3b = PiSquared * ((135 * z4) - (96 * z6)) / 4;
        double k3a = (-30 * z6) - (90 * Math.Pow(z, 8));

        // Horner scheme over odd m = 2k - 1 of Σ c_m q^(m²).
        double k0 = 0, kOne = 0, kTwo = 0, kThree = 0;
        int maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (int k = maxK; k > 0; k--)
        {
            double m = (2 * k) - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            double qPower = Math.Pow(q, 8 * k);
            k0 = (k0 * qPower) + 1.0;
            kOne = (kOne * qPower) + k1a + (k1b * m2);
            kTwo = (kTwo * qPower) + k2a + (k2b * m2) + (k2c * m4);
            kThree = (kThree * qPower) + k3a + (k3b * m2) + (k3c * m4) + (k3d * m6);
        }

        double scale = q * sqrtTwoPi;
        k0 *= scale / z;
        kOne *= scale / (6 * z4);
        kTwo *= scale / (72 * Math.Pow(z, 7));
        kThree *= scale / (6480 * Math.Pow(z, 10));

        // The remaining sums run over all integers k and do not cancel much.
        double qAll = Math.Exp(-PiSquared / 2 / z2);
        double sqrt3z = Math.Sqrt(3) * z;
        double k2Extra = 0, k3Extra = 0;
        for (int k = maxK; k > 0; k--)
        {
            double kSquared = (double)k * k;
            double power = Math.Pow(qAll, kSquared);
            double kPi = Math.PI * k;
            k2Extra += kSquared * power;
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kSquared * power;
        }

        kTwo += k2Extra * PiSquared * sqrtTwoPi / (-36 * z3);
        kThree += k3Extra * PiSquared * sqrtTwoPi / (216 * z6);
        double rootN = Math.Sqrt(n);
        return k0 + (kOne / rootN) + (kTwo / n) + (kThree / (n * rootN));
    }
}
