namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// Pr(D_n ≤ x) by Pomeranz's (1974) recursion: 2n + 1 convolutions of a short row of probabilities with truncated
/// Poisson weights. Exact and O(n²·x), used by scipy for n ≤ 140 and moderate n·x².
/// </summary>
internal static class PomeranzRecursion
{
    public static double Cdf(int n, double x)
    {
        double t = n * x;
        int whole = (int)Math.Floor(t);
        double fraction = t - whole;
        double g = Math.Min(fraction, 1.0 - fraction);
        int ceilFraction = fraction > 0 ? 1 : 0;
        int roundFraction = fraction > 0.5 ? 1 : 0;
        int powers = 2 * (whole + 1);

        // (g/n)^k/k!, (2g/n)^k/k!, ((1-2g)/n)^k/k!: Poisson probabilities without their normalising factor.
        double[] gPower = PoissonWeights(g / n, powers);
        double[] twoGPower = PoissonWeights(2 * g / n, powers);
        double[] restPower = PoissonWeights((1 - (2 * g)) / n, powers);

        double[] previous = new double[powers];
        double[] current = new double[powers];
        current[0] = 1;
        int previousStart = 0, currentStart = 0;
        int exponent = 0;
        var bounds = new RowBounds(n, whole, ceilFraction, roundFraction);
        (int first, int last) = bounds.Of(0);
        for (int i = 1; i <= (2 * n) + 1; i++)
        {
            int carriedFirst = first;
            (previous, current) = (current, previous);
            (previousStart, currentStart) = (currentStart, previousStart);
            Array.Clear(current);
            (first, last) = bounds.Of(i);
            double[] weights = i == 1 || i == (2 * n) + 1 ? gPower : (i % 2 == 1 ? twoGPower : restPower);
            int span = last - carriedFirst + 1;
            if (span <= 0)
            {
                continue;
            }

            int offset = carriedFirst - previousStart;
            int sourceLength = Math.Min(span, powers - offset);
            int weightLength = Math.Min(span, powers);
            int resultStart = first - carriedFirst;
            int resultLength = last - first + 1;
            double max = 0;
            for (int r = 0; r < resultLength; r++)
            {
                // Entry resultStart + r of the full convolution of the previous row with the weights.
                int index = resultStart + r;
                double sum = 0;
                for (int s = Math.Max(0, index - weightLength + 1); s <= Math.Min(index, sourceLength - 1); s++)
                {
                    sum += previous[offset + s] * weights[index - s];
                }

                current[r] = sum;
                max = Math.Max(max, sum);
            }

            if (max > 0 && max < KolmogorovDistribution.ScaleDown)
            {
                for (int r = 0; r < resultLength; r++)
                {
                    current[r] *= KolmogorovDistribution.ScaleUp;
                }

                exponent -= KolmogorovDistribution.ScaleExponent;
            }

            currentStart = previousStart + first - carriedFirst;
        }

        // Multiply by n!, scaling down as needed.
        double answer = current[n - currentStart];
        for (int m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > KolmogorovDistribution.ScaleUp)
            {
                answer *= KolmogorovDistribution.ScaleDown;
                exponent += KolmogorovDistribution.ScaleExponent;
            }

            answer *= m;
        }

        return KolmogorovDistribution.Clip(Math.ScaleB(answer, exponent));
    }

    private static double[] PoissonWeights(double rate, int count)
    {
        double[] weights = new double[count];
        weights[0] = 1.0;
        for (int k = 1; k < count; k++)
        {
            weights[k] = weights[k - 1] * rate / k;
        }

        return weights;
    }

    /// <summary>The interval of row i that can hold non-zero probability.</summary>
    private readonly record struct RowBounds(int N, int Whole, int CeilFraction, int RoundFraction)
    {
        public (int First, int Last) Of(int i)
        {
            int first, last;
            if (i == 0)
            {
                first = -Whole - CeilFraction - 1;
                last = Whole + CeilFraction - 1;
            }
            else
            {
                int half = (i + 1) / 2;
                if ((i + 1) % 2 == 0)
                {
                    if (half == N + 1)
                    {
                        first = N - Whole - CeilFraction - 1;
                        last = N + Whole + CeilFraction - 1;
                    }
                    else
                    {
                        first = half - 1 - Whole - RoundFraction - 1;
                        last = half + Whole - 1 + CeilFraction - 1;
                    }
                }
                else
                {
                    first = half - 1 - Whole - 1;
                    last = half + Whole + RoundFraction - 1;
                }
            }

            return (Math.Max(first + 2, 0), Math.Min(last, N));
        }
    }
}
