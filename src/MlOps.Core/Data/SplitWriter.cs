using System.Globalization;
using System.Text;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Validation;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>
/// The second pass: writes each labelled row to its split file in a normalised CSV (numbers in round-trip form,
/// missing and unparsable values empty, text quoted only when needed, the label as its class name), so the same
/// data and seed give byte-identical files; the row-level validation checks ride along.
/// </summary>
public static class SplitWriter
{
    public static long[] Write(
        string sourcePath, string sourceName, CsvReaderOptions options, FeatureLayout layout, byte[] assignment, LabelObserver labels,
        IReadOnlyList<string> destinations, RowChecks checks)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(checks);
        var numeric = new bool[layout.Columns.Count];
        foreach (string feature in layout.NumericFeatures)
        {
            numeric[layout.IndexOf(feature)] = true;
        }

        bool regression = layout.Task == ModelTask.Regression;
        int label = layout.IndexOf(layout.Label);
        numeric[label] = regression;
        byte[][] classNames = [.. labels.ClassNames.Select(Encoding.UTF8.GetBytes)];
        int[] rowClasses = labels.RowClasses;
        IReadOnlyList<double> values = labels.Values;

        var writers = destinations.Select(d => new BufferedStream(new FileStream(d, FileMode.Create, FileAccess.Write, FileShare.None), 1 << 16)).ToArray();
        var counts = new long[destinations.Count];
        try
        {
            byte[] header = Encoding.UTF8.GetBytes(string.Join(',', layout.Columns.Select(CsvFieldEscaper.Escape)) + "\n");
            foreach (BufferedStream writer in writers)
            {
                writer.Write(header);
            }

            using FileStream stream = OpenSequential(sourcePath);
            using var reader = new CsvRecordReader(stream, sourceName, options);
            Span<byte> number = stackalloc byte[32];
            long row = 0;
            while (reader.Read())
            {
                if (row >= assignment.Length)
                {
                    throw new InvalidOperationException($"{sourceName} has more rows on the second pass than on the first ({assignment.Length}).");
                }

                long current = row++;
                byte split = assignment[current];
                if (split == DatasetSplitter.Excluded)
                {
                    continue;
                }

                checks.Observe(reader, rowClasses[current], values[(int)current]);
                BufferedStream writer = writers[split];
                counts[split]++;
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    if (i > 0)
                    {
                        writer.WriteByte((byte)',');
                    }

                    if (i == label && !regression)
                    {
                        CsvFieldEscaper.Write(writer, classNames[rowClasses[current]]);
                    }
                    else if (reader.IsMissing(i))
                    {
                        continue;
                    }
                    else if (numeric[i])
                    {
                        // A value that is not a number in a numeric column is a type error: written as missing.
                        if (reader.TryGetDouble(i, out double value) && double.IsFinite(value) && value.TryFormat(number, out int written, "R", CultureInfo.InvariantCulture))
                        {
                            writer.Write(number[..written]);
                        }
                    }
                    else
                    {
                        CsvFieldEscaper.Write(writer, reader.GetFieldUtf8(i));
                    }
                }

                writer.WriteByte((byte)'\n');
            }
        }
        finally
        {
            foreach (BufferedStream writer in writers)
            {
                writer.Dispose();
            }
        }

        return counts;
    }

    public static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
