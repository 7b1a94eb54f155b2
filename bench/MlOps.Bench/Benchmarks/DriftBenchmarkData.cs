using System.Runtime.InteropServices;
using System.Text.Json;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// Deterministic columns for the drift benchmark: numeric columns of five shapes (some with a mild shift or scale
/// change in the current rows) and categorical columns as category codes (one with a shifted mix).
/// </summary>
internal sealed class DriftBenchmarkData
{
    /// <summary>Rows on each side of the data both drift benchmarks measure (and the 500,000 vs 500,000).</summary>
    public const int StandardRows = 500_000;

    public const int StandardNumericColumns = 20;

    public const int StandardCategoricalColumns = 2;

    public const int StandardCategories = 10;

    public const int StandardSeed = 20_240_611;

    private const int Shapes = 5;

    private DriftBenchmarkData(double[][] referenceNumeric, double[][] currentNumeric, int[][] referenceCategorical, int[][] currentCategorical, int categories)
    {
        ReferenceNumeric = referenceNumeric;
        CurrentNumeric = currentNumeric;
        ReferenceCategorical = referenceCategorical;
        CurrentCategorical = currentCategorical;
        Categories = categories;
    }

    public double[][] ReferenceNumeric { get; }

    public double[][] CurrentNumeric { get; }

    public int[][] ReferenceCategorical { get; }

    public int[][] CurrentCategorical { get; }

    public int Categories { get; }

    /// <summary>The standard data: 500,000 reference and 500,000 current rows, 20 numeric and 2 categorical columns.</summary>
    public static DriftBenchmarkData Standard() =>
        Generate(StandardRows, StandardRows, StandardNumericColumns, StandardCategoricalColumns, StandardCategories, StandardSeed);

    public static DriftBenchmarkData Generate(int referenceRows, int currentRows, int numericColumns, int categoricalColumns, int categories, int seed)
    {
        var random = new Random(seed);
        double[][] referenceNumeric = new double[numericColumns][];
        double[][] currentNumeric = new double[numericColumns][];
        for (int column = 0; column < numericColumns; column++)
        {
            // Columns 0-3 move their mean by 0.05 sd, 5-6 widen by 5%, 10 moves by 0.02 sd; the rest stay put.
            double shift = column < 4 ? 0.05 : column == 10 ? 0.02 : 0.0;
            double scale = column is 5 or 6 ? 1.05 : 1.0;
            referenceNumeric[column] = NumericColumn(random, referenceRows, column % Shapes, 0.0, 1.0);
            currentNumeric[column] = NumericColumn(random, currentRows, column % Shapes, shift, scale);
        }

        int[][] referenceCategorical = new int[categoricalColumns][];
        int[][] currentCategorical = new int[categoricalColumns][];
        for (int column = 0; column < categoricalColumns; column++)
        {
            referenceCategorical[column] = CategoricalColumn(random, referenceRows, categories, 0.0);
            currentCategorical[column] = CategoricalColumn(random, currentRows, categories, column == 1 ? 0.02 : 0.0);
        }

        return new DriftBenchmarkData(referenceNumeric, currentNumeric, referenceCategorical, currentCategorical, categories);
    }

    /// <summary>Writes the columns as raw little-endian arrays (column after column) plus meta.json for the peer.</summary>
    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        WriteColumns(Path.Combine(directory, "reference_numeric.f64"), ReferenceNumeric);
        WriteColumns(Path.Combine(directory, "current_numeric.f64"), CurrentNumeric);
        WriteColumns(Path.Combine(directory, "reference_categorical.i32"), ReferenceCategorical);
        WriteColumns(Path.Combine(directory, "current_categorical.i32"), CurrentCategorical);
        var meta = new
        {
            referenceRows = ReferenceNumeric[0].Length,
            currentRows = CurrentNumeric[0].Length,
            numericColumns = ReferenceNumeric.Length,
            categoricalColumns = ReferenceCategorical.Length,
            categories = Categories,
        };
        File.WriteAllText(Path.Combine(directory, "meta.json"), JsonSerializer.Serialize(meta));
    }

    private static double[] NumericColumn(Random random, int rows, int shape, double shift, double scale)
    {
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = (Normal(random) * scale) + shift;
            values[i] = shape switch
            {
                0 => 10 + (2 * z),
                1 => Math.Exp(0.5 * z),
                2 => Math.Round(20 + (4 * z)),
                3 => z * z,
                _ => 100 * Math.Atan(z),
            };
        }

        return values;
    }

    private static double Normal(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private static int[] CategoricalColumn(Random random, int rows, int categories, double moved)
    {
        // Zipf-like mix; "moved" shifts that much probability from the first category to the last.
        double[] weights = new double[categories];
        for (int k = 0; k < categories; k++)
        {
            weights[k] = 1.0 / (k + 1);
        }

        double total = weights.Sum();
        double[] cumulative = new double[categories];
        double running = 0;
        for (int k = 0; k < categories; k++)
        {
            double p = weights[k] / total;
            p += k == 0 ? -moved : k == categories - 1 ? moved : 0.0;
            running += p;
            cumulative[k] = running;
        }

        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            double u = random.NextDouble() * running;
            int code = Array.BinarySearch(cumulative, u);
            codes[i] = Math.Min(code < 0 ? ~code : code + 1, categories - 1);
        }

        return codes;
    }

    private static void WriteColumns<T>(string path, T[][] columns)
        where T : unmanaged
    {
        using FileStream stream = File.Create(path);
        foreach (T[] column in columns)
        {
            stream.Write(MemoryMarshal.AsBytes(column.AsSpan()));
        }
    }
}
