using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlOps.Host.Cli;

/// <summary>
/// Human views of the API's JSON, whatever its shape: lists of objects become tables, objects become two-column
/// documents (nested objects and lists nest), numbers and times are shortened for reading. Generic on purpose: a field
/// the API gains shows up without a change here, and `--json` always has everything.
/// </summary>
public static class JsonView
{
    private const int MaxInferredColumns = 8;
    private const int MaxCellLength = 120;

    /// <summary>A table of a list of objects; <paramref name="columns"/> names the fields (dotted paths reach into objects), else the first rows' fields.</summary>
    public static IRenderable Table(JsonElement list, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (list.ValueKind != JsonValueKind.Array)
        {
            return Document(list);
        }

        JsonElement[] rows = [.. list.EnumerateArray()];
        if (rows.Length == 0)
        {
            return new Text("(none)" + Environment.NewLine, new Style(Color.Grey));
        }

        string[] fields = columns.Length > 0 ? columns : InferColumns(rows);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string field in fields)
        {
            table.AddColumn(new TableColumn(new Text(field, new Style(decoration: Decoration.Bold))));
        }

        foreach (JsonElement row in rows)
        {
            table.AddRow(fields.Select(f => (IRenderable)new Text(Shorten(row.ValueKind == JsonValueKind.Object ? Cell(Field(row, f)) : Cell(row)))).ToArray());
        }

        return table;
    }

    /// <summary>An object as field and value lines; <paramref name="skip"/> leaves fields out (a caller shows them otherwise).</summary>
    public static IRenderable Document(JsonElement value, params string[] skip)
    {
        ArgumentNullException.ThrowIfNull(skip);
        if (value.ValueKind == JsonValueKind.Array)
        {
            return Table(value);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return new Text(Cell(value) + Environment.NewLine);
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (JsonProperty property in value.EnumerateObject())
        {
            if (skip.Contains(property.Name) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            grid.AddRow(new Text(property.Name, new Style(Color.Grey)), Nested(property.Value));
        }

        return grid;
    }

    /// <summary>A value as one short line of text: numbers rounded for reading, times as UTC, small objects as "key value · key value".</summary>
    public static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => string.Empty,
        JsonValueKind.String => Time(value.GetString()!),
        JsonValueKind.Number => Number(value.GetDouble()),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Cell)),
        _ => string.Join(" · ", value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => $"{p.Name} {Cell(p.Value)}")),
    };

    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 100 ? value.ToString("#,0.#", CultureInfo.InvariantCulture)
        : value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The field at a dotted path ("run.status"); undefined when absent.</summary>
    public static JsonElement Field(JsonElement value, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (string name in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return default;
            }
        }

        return value;
    }

    private static IRenderable Nested(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array when value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object) => Table(value),
        JsonValueKind.Object when value.EnumerateObject().Any(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) => Document(value),
        _ => new Text(Cell(value)),
    };

    /// <summary>A table cell keeps its row readable: long text is cut (--json and the single-item views have it whole).</summary>
    private static string Shorten(string text) => text.Length <= MaxCellLength ? text : text[..(MaxCellLength - 1)] + "…";

    private static string[] InferColumns(JsonElement[] rows)
    {
        var fields = new List<string>();
        foreach (JsonElement row in rows.Take(50).Where(r => r.ValueKind == JsonValueKind.Object))
        {
            foreach (JsonProperty property in row.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Null && !fields.Contains(property.Name))
                {
                    fields.Add(property.Name);
                }
            }
        }

        return fields.Count == 0 ? ["value"] : [.. fields.Take(MaxInferredColumns)];
    }

    private static string Time(string text) =>
        text.Length >= 19 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : text;
}
