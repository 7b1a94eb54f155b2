using System.Globalization;
using System.Text;

namespace MlOps.Bench.Benchmarks;

/// <summary>Writes the ingest benchmark's CSV deterministically: the same bytes on every machine.</summary>
internal static class IngestDataGenerator
{
    private static readonly string[] Segments = ["consumer", "small business", "enterprise", "public sector", "partner"];

    public static void Write(string path, int rows, int numericFeatures)
    {
        var random = new Random(20240601);
        string[] regions = [.. Enumerable.Range(0, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"region-{i:D2}"))];
        string temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            writer.WriteLine(string.Join(',', Enumerable.Range(0, numericFeatures).Select(i => $"f{i}").Concat(["segment", "region", "label"])));
            var line = new StringBuilder(512);
            for (int row = 0; row < rows; row++)
            {
                line.Clear();
                double signal = 0;
                for (int f = 0; f < numericFeatures; f++)
                {
                    double value = Feature(random, f);
                    signal += f < 5 ? value : 0;
                    if ((f == 3 || f == 11) && random.Next(100) == 0)
                    {
                        line.Append(',');
                        continue;
                    }

                    line.Append(Format(value, f)).Append(',');
                }

                line.Append(Segments[random.Next(Segments.Length)]).Append(',');
                line.Append(regions[(int)Math.Min(49, Math.Abs(Gaussian(random)) * 15)]).Append(',');
                line.Append(signal + Gaussian(random) > 25 ? '1' : '0');
                writer.WriteLine(line);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static double Feature(Random random, int feature) => (feature % 4) switch
    {
        0 => 5 + (2 * Gaussian(random)),
        1 => random.NextDouble() * 1000,
        2 => Math.Exp(Gaussian(random)),
        _ => random.Next(0, 100),
    };

    /// <summary>A mix of spellings: short sensor-like decimals, integers, and full round-trip precision as pandas writes.</summary>
    private static string Format(double value, int feature) => (feature % 5) switch
    {
        0 => value.ToString("F2", CultureInfo.InvariantCulture),
        1 => value.ToString("F4", CultureInfo.InvariantCulture),
        2 => value.ToString("R", CultureInfo.InvariantCulture),
        3 => value.ToString("G6", CultureInfo.InvariantCulture),
        _ => value.ToString("F3", CultureInfo.InvariantCulture),
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
