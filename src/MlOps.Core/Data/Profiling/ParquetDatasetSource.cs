using System.Buffers;
using System.Globalization;
using System.Text;
using MlOps.Core.Data.Parquet;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A Parquet file or blob (seekable stream), reopened through <paramref name="open"/> for each pass. Typed nulls
/// and NaN are missing; infinities are type errors like unparseable CSV text; string columns stay text (a Parquet
/// string column of digits is categorical, not numeric: the file's type is trusted); 64-bit integers from 2^53 on
/// are text, their exact digits, as the CSV reader reads them.
/// </summary>
public sealed class ParquetDatasetSource(Func<Stream> open, string name) : IDatasetSource
{
    public string Name => name;

    public async Task ScanAsync(IDatasetVisitor visitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        await using ParquetTableReader reader = await ParquetTableReader.OpenAsync(open(), name, cancellationToken);
        visitor.OnColumns(reader.ColumnNames);
        int[] wanted = [.. Enumerable.Range(0, reader.ColumnNames.Count).Where(visitor.WantsColumn)];
        for (int index = 0; index < reader.RowGroupCount; index++)
        {
            using ParquetRowGroup group = reader.OpenRowGroup(index);
            foreach (int column in wanted)
            {
                if (reader.IsWideInteger(column))
                {
                    VisitIntegers(column, await group.ReadIntegerDigitsAsync(column, cancellationToken), visitor);
                }
                else if (reader.IsNumeric(column))
                {
                    Visit(column, await group.ReadNumbersAsync(column, cancellationToken), visitor);
                }
                else
                {
                    Visit(column, await group.ReadStringsAsync(column, cancellationToken), visitor);
                }
            }

            visitor.OnRows(group.RowCount);
        }
    }

    private static void Visit(int column, double?[] values, IDatasetVisitor visitor)
    {
        foreach (double? value in values)
        {
            if (value is not double number || double.IsNaN(number))
            {
                visitor.OnMissing(column);
            }
            else if (double.IsInfinity(number))
            {
                visitor.OnText(column, number > 0 ? "Infinity"u8 : "-Infinity"u8);
            }
            else
            {
                visitor.OnNumber(column, number, []);
            }
        }
    }

    private static void VisitIntegers(int column, string?[] digits, IDatasetVisitor visitor)
    {
        foreach (string? value in digits)
        {
            if (value is null)
            {
                visitor.OnMissing(column);
                continue;
            }

            double number = double.Parse(value, CultureInfo.InvariantCulture);
            if (Math.Abs(number) < Csv.Utf8DoubleParser.ExactIntegerLimit)
            {
                visitor.OnNumber(column, number, []);
            }
            else
            {
                visitor.OnText(column, Encoding.ASCII.GetBytes(value));
            }
        }
    }

    private static void Visit(int column, string?[] values, IDatasetVisitor visitor)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            foreach (string? value in values)
            {
                if (value is null)
                {
                    visitor.OnMissing(column);
                    continue;
                }

                int size = Encoding.UTF8.GetMaxByteCount(value.Length);
                if (size > scratch.Length)
                {
                    ArrayPool<byte>.Shared.Return(scratch);
                    scratch = ArrayPool<byte>.Shared.Rent(size);
                }

                visitor.OnText(column, scratch.AsSpan(0, Encoding.UTF8.GetBytes(value, scratch)));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
