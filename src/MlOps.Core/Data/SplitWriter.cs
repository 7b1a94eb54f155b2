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
        // Per column: its slot among the numeric or categorical features (-1 otherwise), for the row checks.
        int[] numericSlot = [.. Enumerable.Repeat(-1, layout.Columns.Count)];
        int[] categoricalSlot = [.. Enumerable.Repeat(-1, layout.Columns.Count)];
        for (int f = 0; f < layout.NumericFeatures.Count; f++)
        {
            numericSlot[layout.IndexOf(layout.NumericFeatures[f])] = f;
        }

        for (int f = 0; f < layout.CategoricalFeatures.Count; f++)
        {
            categoricalSlot[layout.IndexOf(layout.CategoricalFeatures[f])] = f;
        }

        bool regression = layout.Task == ModelTask.Regression;
        int label = layout.IndexOf(layout.Label);
        byte[][] classNames = [.. labels.ClassNames.Select(Encoding.UTF8.GetBytes)];
        int[] rowClasses = labels.RowClasses;
        IReadOnlyList<double> values = labels.Values;

        SplitFileWriter[] writers = [.. destinations.Select(d => new SplitFileWriter(d))];
        var counts = new long[destinations.Count];
        try
        {
            byte[] header = Encoding.UTF8.GetBytes(string.Join(',', layout.Columns.Select(CsvFieldEscaper.Escape)) + "\n");
            foreach (SplitFileWriter writer in writers)
            {
                writer.Write(header);
            }

            using FileStream stream = OpenSequential(sourcePath);
            using var reader = new CsvRecordReader(stream, sourceName, options);
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

                checks.BeginRow(reader.CurrentRecordRaw, rowClasses[current], values[(int)current]);
                SplitFileWriter writer = writers[split];
                counts[split]++;
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    if (i > 0)
                    {
                        writer.Write((byte)',');
                    }

                    if (i == label && !regression)
                    {
                        writer.WriteField(classNames[rowClasses[current]]);
                        continue;
                    }

                    // One classification per field: missing, a finite number, or text.
                    CsvValueKind kind = reader.Classify(i, out double value, out ReadOnlySpan<byte> field);
                    if (kind == CsvValueKind.Missing)
                    {
                        continue;
                    }

                    if (numericSlot[i] >= 0 || (regression && i == label))
                    {
                        // Text in a numeric column is a type error: written as missing.
                        if (kind == CsvValueKind.Number)
                        {
                            if (numericSlot[i] >= 0)
                            {
                                checks.Numeric(numericSlot[i], value);
                            }

                            writer.WriteNumber(field, value);
                        }
                    }
                    else
                    {
                        if (categoricalSlot[i] >= 0)
                        {
                            checks.Category(categoricalSlot[i], field);
                        }

                        writer.WriteField(field);
                    }
                }

                writer.Write((byte)'\n');
            }
        }
        finally
        {
            foreach (SplitFileWriter writer in writers)
            {
                writer.Dispose();
            }
        }

        return counts;
    }

    public static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
