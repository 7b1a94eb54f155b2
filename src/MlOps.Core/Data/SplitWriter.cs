using System.Buffers;
using System.Globalization;
using System.Text;
using MlOps.Core.Data.Csv;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>
/// Pass two: writes each labelled row to its split file in a normalised CSV (numbers in round-trip form, missing
/// values empty, text quoted only when needed), so the same data and seed give byte-identical files.
/// </summary>
public static class SplitWriter
{
    private static readonly SearchValues<byte> NeedsQuoting = SearchValues.Create(",\"\r\n"u8);

    public static long[] Write(string sourcePath, string sourceName, CsvReaderOptions options, FeatureLayout layout, byte[] assignment, IReadOnlyList<string> destinations)
    {
        var numeric = new bool[layout.Columns.Count];
        foreach (string feature in layout.NumericFeatures)
        {
            numeric[layout.IndexOf(feature)] = true;
        }

        if (layout.Task == Specs.ModelTask.Regression)
        {
            numeric[layout.IndexOf(layout.Label)] = true;
        }

        var writers = destinations.Select(d => new BufferedStream(new FileStream(d, FileMode.Create, FileAccess.Write, FileShare.None), 1 << 16)).ToArray();
        var counts = new long[destinations.Count];
        try
        {
            byte[] header = Encoding.UTF8.GetBytes(string.Join(',', layout.Columns.Select(Escape)) + "\n");
            foreach (BufferedStream writer in writers)
            {
                writer.Write(header);
            }

            using FileStream stream = DatasetScanner.OpenSequential(sourcePath);
            using var reader = new CsvRecordReader(stream, sourceName, options);
            Span<byte> number = stackalloc byte[32];
            long row = 0;
            while (reader.Read())
            {
                byte split = assignment[row++];
                if (split == DatasetSplitter.Excluded)
                {
                    continue;
                }

                BufferedStream writer = writers[split];
                counts[split]++;
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    if (i > 0)
                    {
                        writer.WriteByte((byte)',');
                    }

                    if (reader.IsMissing(i))
                    {
                        continue;
                    }

                    if (numeric[i])
                    {
                        // A value that is not a number in a numeric column is a type error: written as missing.
                        if (reader.TryGetDouble(i, out double value) && value.TryFormat(number, out int written, "R", CultureInfo.InvariantCulture))
                        {
                            writer.Write(number[..written]);
                        }
                    }
                    else
                    {
                        WriteText(writer, reader.GetFieldUtf8(i));
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

    private static void WriteText(Stream writer, ReadOnlySpan<byte> field)
    {
        if (field.IndexOfAny(NeedsQuoting) < 0)
        {
            writer.Write(field);
            return;
        }

        writer.WriteByte((byte)'"');
        foreach (byte b in field)
        {
            if (b == (byte)'"')
            {
                writer.WriteByte((byte)'"');
            }

            writer.WriteByte(b);
        }

        writer.WriteByte((byte)'"');
    }

    private static string Escape(string name) =>
        name.AsSpan().IndexOfAny(",\"\r\n") < 0 ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
