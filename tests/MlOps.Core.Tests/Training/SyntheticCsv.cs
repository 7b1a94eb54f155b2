using System.Text;

namespace MlOps.Core.Tests.Training;

/// <summary>Writes a small seeded CSV: a header and one generated line per row.</summary>
public static class SyntheticCsv
{
    public static string Write(string path, string header, int rows, int seed, Func<Random, string> line)
    {
        var random = new Random(seed);
        var text = new StringBuilder(header).Append('\n');
        for (int i = 0; i < rows; i++)
        {
            text.Append(line(random)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
