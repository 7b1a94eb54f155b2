namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// Pr(D_n ≤ d) by Durbin's (1968) matrix method as organised by Marsaglia, Tsang and Wang (2003): the k-th diagonal
/// entry of n!/nⁿ·Hⁿ for an m×m matrix H, m = 2⌈nd⌉ - 1. Costs O(m³ log n), so it serves small n·d only.
/// </summary>
internal static class DurbinMatrix
{
    public static double Cdf(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        double nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        int k = (int)Math.Ceiling(nd);
        double h = k - nd;
        int m = (2 * k) - 1;
        double[] matrix = BuildMatrix(h, m);

        // Hⁿ by repeated squaring; powers of two are factored out to keep the entries in range.
        double[] power = Identity(m);
        double[] scratch = new double[m * m];
        int exponent = 0, matrixExponent = 0;
        for (int remaining = n; remaining > 0; remaining /= 2)
        {
            if (remaining % 2 == 1)
            {
                Multiply(power, matrix, scratch, m);
                (power, scratch) = (scratch, power);
                exponent += matrixExponent;
            }

            if (remaining > 1)
            {
                Multiply(matrix, matrix, scratch, m);
                (matrix, scratch) = (scratch, matrix);
                matrixExponent *= 2;
                int centre = ((k - 1) * m) + k - 1;
                if (Math.Abs(matrix[centre]) > KolmogorovDistribution.ScaleUp)
                {
                    Scale(matrix, KolmogorovDistribution.ScaleDown);
                    matrixExponent += KolmogorovDistribution.ScaleExponent;
                }
            }
        }

        double p = power[((k - 1) * m) + k - 1];
        for (int i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < KolmogorovDistribution.ScaleDown)
            {
                p *= KolmogorovDistribution.ScaleUp;
                exponent -= KolmogorovDistribution.ScaleExponent;
            }
        }

        return KolmogorovDistribution.Clip(Math.ScaleB(p, exponent));
    }

    private static double[] BuildMatrix(double h, int m)
    {
        // v[j] = (1 - h^(j+1)) / (j+1)!, w[j] = 1/j!, with a corrected last entry of v.
        double[] v = new double[m];
        double[] w = new double[m];
        double factorial = 1.0;
        for (int j = 1; j <= m; j++)
        {
            w[j - 1] = factorial;
            factorial /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * factorial;
        }

        double correction = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + correction) * factorial;

        double[] matrix = new double[m * m];
        for (int column = 1; column < m; column++)
        {
            for (int row = column - 1; row < m; row++)
            {
                matrix[(row * m) + column] = w[row - column + 1];
            }
        }

        for (int row = 0; row < m; row++)
        {
            matrix[row * m] = v[row];
        }

        for (int column = 0; column < m; column++)
        {
            matrix[((m - 1) * m) + column] = v[m - 1 - column];
        }

        return matrix;
    }

    private static double[] Identity(int m)
    {
        double[] identity = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            identity[(i * m) + i] = 1.0;
        }

        return identity;
    }

    private static void Multiply(double[] left, double[] right, double[] result, int m)
    {
        Array.Clear(result);
        for (int i = 0; i < m; i++)
        {
            Span<double> resultRow = result.AsSpan(i * m, m);
            for (int k = 0; k < m; k++)
            {
                double factor = left[(i * m) + k];
                if (factor == 0)
                {
                    continue;
                }

                ReadOnlySpan<double> rightRow = right.AsSpan(k * m, m);
                for (int j = 0; j < m; j++)
                {
                    resultRow[j] += factor * rightRow[j];
                }
            }
        }
    }

    private static void Scale(double[] matrix, double factor)
    {
        for (int i = 0; i < matrix.Length; i++)
        {
            matrix[i] *= factor;
        }
    }
}
