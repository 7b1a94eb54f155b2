namespace MlOps.Core.Data.Csv;

/// <summary>RFC 4180 quoting for the CSVs this product writes: quote only when a field needs it, double inner quotes.</summary>
public static class CsvFieldEscaper
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
