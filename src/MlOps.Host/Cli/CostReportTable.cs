using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace MlOps.Host.Cli;

/// <summary>A daily cost report as the CLI prints it: estimated, metered and billed cost per model, then anomalies and notes.</summary>
public static class CostReportTable
{
    public static void Write(JsonElement report)
    {
        string currency = report.GetProperty("currency").GetString()!;
        string sources = string.Join(" + ", report.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        bool partial = report.TryGetProperty("partial", out JsonElement p) && p.GetBoolean();
        var table = new Table().Title($"Cost of {report.GetProperty("day").GetString()}{(partial ? " (so far)" : "")} in {currency}, from {sources}");
        table.AddColumn("model");
        foreach (string column in new[] { "estimated", "metered", "billed" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (JsonElement model in report.GetProperty("models").EnumerateArray())
        {
            AddRow(table, model.GetProperty("model").GetString()!, model.GetProperty("total"));
        }

        AddRow(table, "[bold]total[/]", report.GetProperty("totals"));
        AnsiConsole.Write(table);
        foreach (JsonElement anomaly in Array(report, "anomalies"))
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]anomaly[/] {anomaly.GetProperty("model").GetString()}: {Money(anomaly.GetProperty("cost"))} against a {anomaly.GetProperty("baselineDays").GetInt32()}-day mean of {Money(anomaly.GetProperty("baselineMean"))}");
        }

        foreach (JsonElement note in Array(report, "notes"))
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{note.GetString()}[/]");
        }
    }

    private static void AddRow(Table table, string name, JsonElement figures) =>
        table.AddRow(name, Money(figures.GetProperty("estimated")), Optional(figures, "metered"), Optional(figures, "billed"));

    private static string Optional(JsonElement figures, string name) =>
        figures.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? Money(value) : "-";

    private static string Money(JsonElement value) => value.GetDouble().ToString("0.######", CultureInfo.InvariantCulture);

    private static IEnumerable<JsonElement> Array(JsonElement report, string name) =>
        report.TryGetProperty(name, out JsonElement items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];
}
