using System.Diagnostics;
using MlOps.Core.Data.Csv;
using MlOps.Core.Serving;
using MlOps.Core.Training;

namespace MlOps.Core.Evaluation;

/// <summary>
/// Measures what scoring costs a model on the serving path: rows of the test split, packed once, scored in requests
/// of the model's observed size on one thread (as a request is). Challenger and champion take turns over the very
/// same rows and the fastest of several passes counts, so another process's burst on a shared core weighs on
/// neither; the figure is time per row.
/// </summary>
public static class ServingCostProbe
{
    public const int MaxRows = 1000;

    private const int Passes = 3;

    /// <summary>Milliseconds per row for each model, in the order given.</summary>
    public static IReadOnlyList<double> MeasureMsPerRow(IReadOnlyList<LoadedModel> models, string testCsvPath, int rowsPerRequest)
    {
        ArgumentNullException.ThrowIfNull(models);
        rowsPerRequest = Math.Clamp(rowsPerRequest, 1, MaxRows);
        List<PackedRow>[] rows = [.. models.Select(m => ReadRows(m, testCsvPath))];
        var best = Enumerable.Repeat(double.MaxValue, models.Count).ToArray();
        for (int pass = 0; pass < Passes; pass++)
        {
            for (int m = 0; m < models.Count; m++)
            {
                if (rows[m].Count == 0)
                {
                    continue;
                }

                long started = Stopwatch.GetTimestamp();
                for (int first = 0; first < rows[m].Count; first += rowsPerRequest)
                {
                    models[m].Predict(rows[m].GetRange(first, Math.Min(rowsPerRequest, rows[m].Count - first)));
                }

                best[m] = Math.Min(best[m], Stopwatch.GetElapsedTime(started).TotalMilliseconds / rows[m].Count);
            }
        }

        return [.. best.Select(b => b == double.MaxValue ? 0 : b)];
    }

    /// <summary>The first <see cref="MaxRows"/> rows of the split, packed for the model (by column name, so each model gets its own features).</summary>
    private static List<PackedRow> ReadRows(LoadedModel model, string testCsvPath)
    {
        using FileStream stream = File.OpenRead(testCsvPath);
        using var reader = new CsvRecordReader(stream, Path.GetFileName(testCsvPath));
        var packer = new CsvRowPacker(model.Version.Layout, reader.Header, testCsvPath);
        var rows = new List<PackedRow>();
        while (rows.Count < MaxRows && reader.Read())
        {
            rows.Add(packer.Pack(reader));
        }

        return rows;
    }
}
