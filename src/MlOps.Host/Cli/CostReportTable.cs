using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlOps.Host.Cli;

/// <summary>A daily cost report as people read it: estimated, metered and billed cost per model, then anomalies and notes.</summary>
public static class CostReportTable
{
    public static IRenderable For(JsonElement report)
    {
        string currency = report.GetProperty("currency").GetString()!;
        string sources = string.Join(" + ", report.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        bool partial = report.TryGetProperty("partial", out JsonElement p) && p.GetBoolean();
        var table = new Table().Title(Markup.Escape($"Cost of {report.GetProperty("day").GetString()}{(partial ? " (so far)" : "")} in {currency}, from {sources}"));
        table.AddColumn("model");
        foreach (string column in new[] { "estimated", "metered", "billed" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (JsonElement model in report.GetProperty("models").EnumerateArray())
        {
            AddRow(table, Markup.Escape(model.GetProperty("model").GetString()!), model.GetProperty("total"));
        }

        AddRow(table, "[bold]total[/]", report.GetProperty("totals"));
        var lines = new List<IRenderable> { table };
        foreach (JsonElement anomaly in Items(report, "anomalies"))
        {
            lines.Add(new Markup(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"anomaly: {anomaly.GetProperty("model").GetString()} cost {Money(anomaly.GetProperty("cost"))}, the {anomaly.GetProperty("baselineDays").GetInt32()} days before {Money(anomaly.GetProperty("baselineMean"))} a day on average")) + Environment.NewLine));
        }

        foreach (JsonElement note in Items(report, "notes"))
        {
            lines.Add(new Markup("[grey]" + Markup.Escape(note.GetString() ?? "") + "[/]" + Environment.NewLine));
        }

        return new Rows(lines);
    }

    private static void AddRow(Table table, string name, JsonElement figures) =>
        table.AddRow(name, Money(figures.GetProperty("estimated")), Optional(figures, "metered"), Optional(figures, "billed"));

    private static string Optional(JsonElement figures, string name) =>
        figures.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? Money(value) : "-";

    private static string Money(JsonElement value) => value.GetDouble().ToString("0.######", CultureInfo.InvariantCulture);

    private static IEnumerable<JsonElement> Items(JsonElement report, string name) =>
        report.TryGetProperty(name, out JsonElement items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];
}
