using System.Globalization;
using System.Text;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// Writes a regression CSV shaped like the Ames house-price data that public tabular benchmarks use: 2,930 rows, 72
/// features (36 numeric: areas, counts, years, some with missing values; 36 categorical of 2 to 25 levels, some with
/// "NA" for "none") and a sale price in dollars. Deterministic: the same bytes on every machine.
/// </summary>
internal static class HousingDataGenerator
{
    public const int Rows = 2_930;
    public const int NumericFeatures = 36;
    public const int CategoricalFeatures = 36;
    public const string Label = "SalePrice";

    public static void Write(string path, int seed)
    {
        var random = new Random(seed);
        int[] levels = [.. Enumerable.Range(0, CategoricalFeatures).Select(c => 2 + ((c * 7) % 24))];

        // Like a neighbourhood, a zoning class and a building type, three categoricals move the price; the rest only follow the quality.
        double[][] levelEffects = [.. levels.Select((count, c) => Enumerable.Range(0, count).Select(_ => (c < 3 ? 0.12 / (1 + c) : 0) * Gaussian(random)).ToArray())];
        string temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
        {
            writer.NewLine = "\n";
            writer.WriteLine(string.Join(',', Enumerable.Range(0, NumericFeatures).Select(f => $"num{f:D2}")
                .Concat(Enumerable.Range(0, CategoricalFeatures).Select(c => $"cat{c:D2}")).Append(Label)));
            var line = new StringBuilder(1024);
            for (int row = 0; row < Rows; row++)
            {
                line.Clear();
                double quality = Gaussian(random);
                double overall = Math.Clamp(Math.Round(5.5 + (1.5 * quality)), 1, 10);
                double area = 1500 * Math.Exp(0.3 * ((0.7 * quality) + (0.7 * Gaussian(random))));
                double built = Math.Clamp(Math.Round(1970 + (25 * ((0.6 * quality) + (0.8 * Gaussian(random))))), 1872, 2010);
                double logPrice = 11.4 + (0.09 * overall) + (0.35 * Math.Log(area / 1500)) + (0.003 * (built - 1970)) + (overall >= 8 ? 0.08 : 0);
                for (int f = 0; f < NumericFeatures; f++)
                {
                    if (f % 9 == 4 && random.Next(100) < 6 + f)
                    {
                        line.Append("NA,");
                        continue;
                    }

                    string value = f switch
                    {
                        0 => overall.ToString(CultureInfo.InvariantCulture),
                        1 => Math.Round(area).ToString(CultureInfo.InvariantCulture),
                        2 => built.ToString(CultureInfo.InvariantCulture),
                        _ => FormatNumeric(f, (0.5 * quality) + (0.85 * Gaussian(random))),
                    };
                    line.Append(value).Append(',');
                }

                for (int c = 0; c < CategoricalFeatures; c++)
                {
                    int level = (int)Math.Clamp(Math.Floor((levels[c] / 2.0) + (levels[c] / 4.0 * ((0.5 * quality) + Gaussian(random)))), 0, levels[c] - 1);
                    logPrice += levelEffects[c][level];
                    line.Append(c % 6 == 5 && level == 0 ? "NA" : string.Create(CultureInfo.InvariantCulture, $"L{c:D2}_{level:D2}")).Append(',');
                }

                logPrice += 0.12 * Gaussian(random);
                line.Append(Math.Round(Math.Exp(logPrice)).ToString(CultureInfo.InvariantCulture));
                writer.WriteLine(line);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Areas in square feet, counts, and years, as the columns of such data are spelled.</summary>
    private static string FormatNumeric(int feature, double z) => (feature % 3) switch
    {
        0 => Math.Max(0, Math.Round(1500 + (500 * z))).ToString(CultureInfo.InvariantCulture),
        1 => Math.Clamp(Math.Round(3 + z), 0, 10).ToString(CultureInfo.InvariantCulture),
        _ => Math.Clamp(Math.Round(1970 + (20 * z)), 1872, 2010).ToString(CultureInfo.InvariantCulture),
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
