using System.Buffers;
using System.Text.Json;

namespace MlOps.Core.Serving;

/// <summary>
/// The rows of a prediction request body: an array of rows, or an object with a "rows" array. Read from a parsed
/// document (the request path, a shadow), or found as byte ranges so the log copies the client's own JSON instead of
/// parsing it into a document and writing it out again.
/// </summary>
public static class RequestRows
{
    private static readonly SearchValues<byte> JsonWhitespace = SearchValues.Create(" \t\r\n"u8);

    /// <summary>The rows element of a parsed body (the body itself when it is not an object with "rows").</summary>
    public static JsonElement Of(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("rows", out JsonElement rows) ? rows : body;

    /// <summary>Fills <paramref name="rows"/> with each row's range in <paramref name="body"/>; false if the body has no row array.</summary>
    public static bool TryFind(ReadOnlySpan<byte> body, List<Range> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        rows.Clear();
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.StartObject && !SeekRowsArray(ref reader))
            {
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                rows.Add(start..(int)reader.BytesConsumed);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The range of the one row of a body that was already parsed as an array holding exactly one row: what lies
    /// between its brackets, without the whitespace around it. False for any other shape (an object with "rows").
    /// </summary>
    public static bool TryUnwrapSingle(ReadOnlySpan<byte> body, out Range row)
    {
        int start = body.IndexOfAnyExcept(JsonWhitespace);
        int end = body.LastIndexOfAnyExcept(JsonWhitespace);
        row = default;
        if (start < 0 || body[start] != (byte)'[' || body[end] != (byte)']')
        {
            return false;
        }

        ReadOnlySpan<byte> inner = body[(start + 1)..end];
        int first = inner.IndexOfAnyExcept(JsonWhitespace);
        if (first < 0)
        {
            return false;
        }

        int last = inner.LastIndexOfAnyExcept(JsonWhitespace);
        row = (start + 1 + first)..(start + 2 + last);
        return true;
    }

    /// <summary>
    /// Writes a row's JSON as a value with no line breaks: a client's pretty-printed body may have them between tokens
    /// (never inside strings, where JSON forbids them), and a log line must stay one line.
    /// </summary>
    public static void WriteSingleLine(Utf8JsonWriter writer, ReadOnlySpan<byte> row, Span<byte> scratch)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (row.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            writer.WriteRawValue(row, skipInputValidation: true);
            return;
        }

        Span<byte> copy = row.Length <= scratch.Length ? scratch[..row.Length] : new byte[row.Length];
        row.CopyTo(copy);
        copy.Replace((byte)'\n', (byte)' ');
        copy.Replace((byte)'\r', (byte)' ');
        writer.WriteRawValue(copy, skipInputValidation: true);
    }

    private static bool SeekRowsArray(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isRows = reader.ValueTextEquals("rows"u8);
            reader.Read();
            if (isRows)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }
}
