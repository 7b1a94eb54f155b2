namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// The one-sided one-sample Kolmogorov-Smirnov distribution: Pr(D+_n ≥ x), scipy.special.smirnov.
/// </summary>
/// <remarks>
/// Birnbaum and Tingey's sum, Pr(D+_n ≥ x) = x Σ_{v=0}^{⌊n(1-x)⌋} C(n,v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v).
/// All terms are positive, so nothing cancels in the sum; each term is a binomial probability evaluated in Loader's
/// saddle-point form, which keeps ~1e-14 relative precision where cephes spends double-double arithmetic (a plain
/// log-space sum drifts by 1e-8 at n = 300,000). The special cases and the large-n approximation follow cephes.
/// </remarks>
internal static class SmirnovDistribution
{
    /// <summary>cephes switches to an approximation above this n.</summary>
    private const int MaxComputeN = 1_000_000;

    /// <summary>cephes' MINLOG, ln(2^-1022): exp of anything below underflows.</summary>
    private const double MinLog = -708.3964185322641;

    private const double MachineEpsilon = 2.220446049250313e-16;

    private static readonly double[] SmallStirlingErrors = ComputeSmallStirlingErrors();

    public static double Survival(int n, double x)
    {
        if (n == 1)
        {
            return 1 - x;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        (int nxFloor, double alpha) = SplitNx(n, x);
        if (nxFloor == 0 || (nxFloor == 1 && alpha == 0))
        {
            // x ≤ 1/n: the CDF is x(1 + x)^(n-1).
            return Math.Clamp(1 - (x * Math.Pow(1 + x, n - 1)), 0, 1);
        }

        if (-2.0 * n * x * x < MinLog)
        {
            return 0.0;
        }

        if (nxFloor >= n - 1)
        {
            return Math.Pow(1 - x, n);
        }

        if (n > MaxComputeN)
        {
            // cephes' approximation Pr ≈ exp(-(6nx + 1)² / 18n).
            return Math.Exp(-Math.Pow((6.0 * n * x) + 1, 2) / 18.0 / n);
        }

        return Math.Clamp(x * LowerSum(n, nxFloor, alpha), 0, 1);
    }

    /// <summary>⌊n·x⌋ and the fractional part of n·x, exact even when n·x rounds to an integer in double.</summary>
    private static (int Floor, double Fraction) SplitNx(int n, double x)
    {
        double product = n * x;
        double error = Math.FusedMultiplyAdd(n, x, -product);
        double floor = Math.Floor(product);
        if (product == floor && error < 0)
        {
            floor -= 1;
        }

        double fraction = product - floor + error;
        if (fraction >= 1)
        {
            return ((int)floor + 1, 0.0);
        }

        return ((int)floor, fraction);
    }

    private static double LowerSum(int n, int nxFloor, double alpha)
    {
        // The last term, v = n - ⌊nx⌋, is zero (alpha = 0) or beyond ⌊n(1-x)⌋ (alpha > 0).
        int lastV = n - nxFloor - 1;
        int terms = lastV + 1;
        int middle = n / 2;
        double sum = 0;
        for (int v = 0; v <= lastV; v++)
        {
            // Term v is C(n,v) p^(v-1) (1-p)^(n-v) with p = x + v/n: a binomial probability over p. Taking n·p and
            // n·(1-p) from the exact split of n·x keeps 1 - p accurate even where it is tiny.
            double np = nxFloor + v + alpha;
            double nq = n - nxFloor - v - alpha;
            double term = BinomialProbability(v, n, np, nq) * n / np;
            sum += term;
            if (term != 0)
            {
                // The remaining terms cannot move the sum by more than rounding.
                if (4.0 * (terms - v) * term < MachineEpsilon * sum && v != lastV)
                {
                    break;
                }
            }
            else if (v > middle)
            {
                break;
            }
        }

        return sum;
    }

    /// <summary>
    /// C(n,k) p^k q^(n-k) given n·p and n·q, by Loader's (2000) saddle-point form: Stirling-series errors and
    /// deviances replace the huge, cancelling logarithms of the factorials, so the result keeps full relative precision.
    /// </summary>
    private static double BinomialProbability(int k, int n, double np, double nq)
    {
        if (k == 0)
        {
            return Math.Exp(np < 0.1 * n ? -Deviance(n, nq) - np : n * Math.Log(nq / n));
        }

        double logCore = StirlingError(n) - StirlingError(k) - StirlingError(n - k) - Deviance(k, np) - Deviance(n - k, nq);
        double logScale = Math.Log(2 * Math.PI * ((double)k * (n - k) / n));
        return Math.Exp(logCore - (0.5 * logScale));
    }

    /// <summary>x·ln(x / m) + m - x, by its series where x is near m so that nothing cancels.</summary>
    private static double Deviance(double x, double m)
    {
        if (Math.Abs(x - m) < 0.1 * (x + m))
        {
            double ratio = (x - m) / (x + m);
            double sum = (x - m) * ratio;
            double power = 2 * x * ratio;
            double ratioSquared = ratio * ratio;
            for (int j = 1; j < 1000; j++)
            {
                power *= ratioSquared;
                double next = sum + (power / ((2 * j) + 1));
                if (next == sum)
                {
                    return next;
                }

                sum = next;
            }

            return sum;
        }

        return (x * Math.Log(x / m)) + m - x;
    }

    /// <summary>ln(k!) - ln(√(2πk) (k/e)^k), the error of Stirling's formula.</summary>
    private static double StirlingError(int k)
    {
        if (k < SmallStirlingErrors.Length)
        {
            return SmallStirlingErrors[k];
        }

        // The asymptotic series 1/12k - 1/360k³ + 1/1260k⁵ - ..., truncated where its terms fall below rounding.
        double kk = (double)k * k;
        return k switch
        {
            > 500 => (1.0 / 12 - (1.0 / 360 / kk)) / k,
            > 80 => (1.0 / 12 - ((1.0 / 360 - (1.0 / 1260 / kk)) / kk)) / k,
            > 35 => (1.0 / 12 - ((1.0 / 360 - ((1.0 / 1260 - (1.0 / 1680 / kk)) / kk)) / kk)) / k,
            _ => (1.0 / 12 - ((1.0 / 360 - ((1.0 / 1260 - ((1.0 / 1680 - (1.0 / 1188 / kk)) / kk)) / kk)) / kk)) / k,
        };
    }

    /// <summary>Below 16 the series is not accurate enough; ln(k!) is exact enough from the double k!.</summary>
    private static double[] ComputeSmallStirlingErrors()
    {
        double[] errors = new double[16];
        double factorial = 1;
        for (int k = 1; k < errors.Length; k++)
        {
            factorial *= k;
            errors[k] = Math.Log(factorial) - ((k + 0.5) * Math.Log(k)) + k - (0.5 * Math.Log(2 * Math.PI));
        }

        return errors;
    }
}
