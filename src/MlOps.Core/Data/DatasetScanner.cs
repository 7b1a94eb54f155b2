using System.Globalization;
using MlOps.Core.Data.Csv;
using MlOps.Core.Specs;

namespace MlOps.Core.Data;

/// <summary>Pass one over a local CSV: label classes per row (for stratified splits) and column kinds, in bounded memory per column.</summary>
public static class DatasetScanner
{
    private const int MaxClasses = 1_000;

    public static DatasetScan Scan(string path, string sourceName, PipelineSpec spec, CsvReaderOptions options)
    {
        using FileStream stream = OpenSequential(path);
        using var reader = new CsvRecordReader(stream, sourceName, options);
        int labelIndex = IndexOf(reader.Header, spec.Label)
            ?? throw new DataFormatException(sourceName, 1, null, spec.Label,
                $"the label column '{spec.Label}' is not in the header (columns: {string.Join(", ", reader.Header.Take(30))}{(reader.Header.Count > 30 ? ", …" : string.Empty)})");

        var columns = reader.Header.Select(name => new ColumnScan(name)).ToArray();
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        var classNames = new List<string>();
        var labels = new List<int>();
        bool classify = spec.Task != ModelTask.Regression;
        while (reader.Read())
        {
            for (int i = 0; i < columns.Length; i++)
            {
                Observe(reader, i, columns[i]);
            }

            if (reader.IsMissing(labelIndex))
            {
                labels.Add(-1);
            }
            else if (!classify)
            {
                labels.Add(reader.TryGetDouble(labelIndex, out _) ? 0 : -1);
            }
            else
            {
                string label = reader.GetString(labelIndex).Trim();
                if (!classes.TryGetValue(label, out int index))
                {
                    if (classes.Count >= MaxClasses)
                    {
                        throw new DataFormatException(sourceName, reader.LineNumber, labelIndex + 1, spec.Label,
                            string.Create(CultureInfo.InvariantCulture, $"the label has more than {MaxClasses} distinct values; is it a regression target?"));
                    }

                    classes[label] = index = classNames.Count;
                    classNames.Add(label);
                }

                labels.Add(index);
            }
        }

        return new DatasetScan(reader.Header, labelIndex, [.. labels], classNames, columns);
    }

    public static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private static void Observe(CsvRecordReader reader, int i, ColumnScan column)
    {
        if (reader.IsMissing(i))
        {
            column.Missing++;
            return;
        }

        column.Present++;
        if (reader.TryGetDouble(i, out _))
        {
            column.Numeric++;
        }
        else if (!column.DistinctCapped)
        {
            column.Distinct.Add(reader.GetString(i));
            column.DistinctCapped = column.Distinct.Count >= ColumnScan.DistinctCap;
        }
    }

    private static int? IndexOf(IReadOnlyList<string> header, string column)
    {
        for (int i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }

        return null;
    }
}
