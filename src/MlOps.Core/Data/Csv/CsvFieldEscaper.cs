using System.Buffers;
using System.Globalization;

namespace MlOps.Core.Data.Csv;

/// <summary>
/// Quoting for the CSVs this product writes. <see cref="Escape"/> is RFC 4180 (quote only when a field needs it,
/// double inner quotes): enough for files only the product reads back, which keep every value exactly.
/// <see cref="EscapeForSpreadsheet"/> is for files people open (scored output): a cell that starts with '=', '+',
/// '-', '@', a tab or a carriage return would run as a formula in Excel, LibreOffice or Google Sheets, so it gets a
/// leading single quote inside double quotes, as OWASP recommends against CSV injection; a number such as -2.5 is
/// left as it is.
/// </summary>
public static class CsvFieldEscaper
{
    private static readonly SearchValues<byte> Triggers = SearchValues.Create("=+-@\t\r"u8);

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : Quote(value);
    }

    /// <summary><see cref="Escape"/>, and a formula trigger neutralised with a leading single quote.</summary>
    public static string EscapeForSpreadsheet(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return StartsFormula(value) ? Quote("'" + value) : Escape(value);
    }

    /// <summary>
    /// The reader's current record for a spreadsheet: its bytes as read (the usual case), unless a cell would run as a
    /// formula; then every cell written anew, neutralised where needed.
    /// </summary>
    public static string RecordForSpreadsheet(CsvRecordReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return StartsAnyFormula(reader)
            ? string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(f => EscapeForSpreadsheet(reader.GetString(f))))
            : System.Text.Encoding.UTF8.GetString(reader.CurrentRecordRaw);
    }

    /// <summary>
    /// Whether a cell of the current record starts a formula. Looked for from the trigger bytes (a vectorised search),
    /// so a record pays for the cells that start with one (such as negative numbers), not for every cell.
    /// </summary>
    private static bool StartsAnyFormula(CsvRecordReader reader)
    {
        ReadOnlySpan<byte> raw = reader.CurrentRecordRaw;
        int next = raw.IndexOfAny(Triggers);
        if (next < 0)
        {
            return false;
        }

        if (!reader.CurrentRecordUnquoted)
        {
            // A quoted cell's first byte is behind its quote: look at each cell's value.
            for (int i = 0; i < reader.FieldCount; i++)
            {
                if (StartsFormula(reader.GetFieldUtf8(i)))
                {
                    return true;
                }
            }

            return false;
        }

        // Unquoted, a cell is the run between two commas: a trigger starts one only at the start or after a comma.
        int at = next;
        while (true)
        {
            if (at == 0 || raw[at - 1] == (byte)',')
            {
                int length = raw[at..].IndexOf((byte)',');
                if (StartsFormula(length < 0 ? raw[at..] : raw.Slice(at, length)))
                {
                    return true;
                }
            }

            next = raw[(at + 1)..].IndexOfAny(Triggers);
            if (next < 0)
            {
                return false;
            }

            at += next + 1;
        }
    }

    /// <summary>Whether a spreadsheet would read the cell as a formula: a trigger character first, and not a plain signed number.</summary>
    public static bool StartsFormula(ReadOnlySpan<char> value) =>
        !value.IsEmpty && IsTrigger(value[0])
        && !(value[0] is '+' or '-' && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number));

    /// <summary><see cref="StartsFormula(ReadOnlySpan{char})"/> for a field's UTF-8 bytes (every trigger is ASCII).</summary>
    public static bool StartsFormula(ReadOnlySpan<byte> utf8) =>
        !utf8.IsEmpty && IsTrigger((char)utf8[0])
        && !(utf8[0] is (byte)'+' or (byte)'-'
            && (Utf8DoubleParser.IsPlainDecimal(utf8) || (Utf8DoubleParser.TryParse(utf8, out double number) && double.IsFinite(number))));

    private static bool IsTrigger(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
