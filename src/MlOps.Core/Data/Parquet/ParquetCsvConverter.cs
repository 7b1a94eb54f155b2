using System.Globalization;
using System.Text;
using MlOps.Core.Data.Csv;

namespace MlOps.Core.Data.Parquet;

/// <summary>
/// Rewrites a Parquet file as CSV (one row group at a time), so ingest validates, profiles and splits both formats
/// with one row-oriented path. Numbers keep their round-trip form, 64-bit integers their exact digits (the CSV
/// reader then keeps those beyond a double's exact range as text); nulls become empty fields.
/// </summary>
public static class ParquetCsvConverter
{
    public static async Task<long> ConvertAsync(string parquetPath, string csvPath, string sourceName, CancellationToken cancellationToken = default)
    {
        await using FileStream input = File.OpenRead(parquetPath);
        await using ParquetTableReader table = await ParquetTableReader.OpenAsync(input, sourceName, cancellationToken).ConfigureAwait(false);
        await using var output = new StreamWriter(csvPath, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        await output.WriteLineAsync(string.Join(',', table.ColumnNames.Select(CsvFieldEscaper.Escape))).ConfigureAwait(false);
        long rows = 0;
        var line = new StringBuilder();
        for (int g = 0; g < table.RowGroupCount; g++)
        {
            using ParquetRowGroup group = table.OpenRowGroup(g);
            var columns = new object[table.ColumnNames.Count];
            for (int c = 0; c < columns.Length; c++)
            {
                columns[c] = table.IsWideInteger(c)
                    ? new Digits(await group.ReadIntegerDigitsAsync(c, cancellationToken).ConfigureAwait(false))
                    : table.IsNumeric(c)
                        ? await group.ReadNumbersAsync(c, cancellationToken).ConfigureAwait(false)
                        : await group.ReadStringsAsync(c, cancellationToken).ConfigureAwait(false);
            }

            for (long r = 0; r < group.RowCount; r++)
            {
                line.Clear();
                for (int c = 0; c < columns.Length; c++)
                {
                    if (c > 0)
                    {
                        line.Append(',');
                    }

                    line.Append(columns[c] switch
                    {
                        double?[] numbers => numbers[r]?.ToString("R", CultureInfo.InvariantCulture),
                        Digits digits => digits.Values[r],
                        string?[] texts => texts[r] is string s ? CsvFieldEscaper.Escape(s) : null,
                        _ => null,
                    });
                }

                await output.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
                rows++;
            }
        }

        return rows;
    }

    /// <summary>A column of integer digits, written as they are (no quoting needed).</summary>
    private sealed record Digits(string?[] Values);
}
