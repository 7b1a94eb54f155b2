using System.Buffers;

namespace MlOps.Core.Data.Csv;

/// <summary>RFC 4180 quoting for the CSVs this product writes: quote only when a field needs it, double inner quotes.</summary>
public static class CsvFieldEscaper
{
    private static readonly SearchValues<byte> NeedsQuoting = SearchValues.Create(",\"\r\n"u8);

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static void Write(Stream output, ReadOnlySpan<byte> field)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (field.IndexOfAny(NeedsQuoting) < 0)
        {
            output.Write(field);
            return;
        }

        output.WriteByte((byte)'"');
        foreach (byte b in field)
        {
            if (b == (byte)'"')
            {
                output.WriteByte((byte)'"');
            }

            output.WriteByte(b);
        }

        output.WriteByte((byte)'"');
    }
}
