using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// `mlops cost [model]`: cost per day by stage as a table with totals, then each version's training and serving
/// cost (one model) or each model's total (all models); --json prints the API's answer instead.
/// </summary>
public sealed class CostCommand : AsyncCommand<CostCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        string query = $"?from={Uri.EscapeDataString(settings.From ?? string.Empty)}&to={Uri.EscapeDataString(settings.To ?? string.Empty)}";
        JsonElement cost = await api.GetAsync((settings.Model is null ? "api/cost" : $"api/models/{Uri.EscapeDataString(settings.Model)}/cost") + query, cancellationToken);
        if (settings.Json)
        {
            return JsonOutput.Write(cost);
        }

        string currency = cost.GetProperty("currency").GetString()!;
        AnsiConsole.Write(DaysByStage(cost, currency));
        AnsiConsole.Write(settings.Model is null ? Models(cost, currency) : Versions(cost, currency));
        return 0;
    }

    private static Table DaysByStage(JsonElement cost, string currency)
    {
        var days = cost.GetProperty("days").EnumerateArray()
            .Select(d => (Day: d.GetProperty("day").GetString()!, Stage: d.GetProperty("stage").GetString()!, Cost: d.GetProperty("cost").GetDouble())).ToList();
        string[] stages = [.. cost.GetProperty("byStage").EnumerateObject().Select(p => p.Name)];
        var table = new Table().Title($"Cost per day by stage ({currency}), {cost.GetProperty("from").GetString()} to {cost.GetProperty("to").GetString()}");
        table.AddColumn("day");
        foreach (string stage in stages)
        {
            table.AddColumn(new TableColumn(stage).RightAligned());
        }

        table.AddColumn(new TableColumn("total").RightAligned());
        foreach (var day in days.GroupBy(d => d.Day).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            table.AddRow([day.Key, .. stages.Select(s => Money(day.Where(d => d.Stage == s).Sum(d => d.Cost))), Money(day.Sum(d => d.Cost))]);
        }

        table.AddRow([
            "[bold]total[/]", .. stages.Select(s => Money(cost.GetProperty("byStage").GetProperty(s).GetDouble())), $"[bold]{Money(cost.GetProperty("total").GetDouble())}[/]",
        ]);
        return table;
    }

    private static Table Models(JsonElement cost, string currency)
    {
        var table = new Table().Title($"Cost by model ({currency})").AddColumn("model").AddColumn(new TableColumn("total").RightAligned());
        foreach (JsonProperty model in cost.GetProperty("byModel").EnumerateObject())
        {
            table.AddRow(Markup.Escape(model.Name), Money(model.Value.GetDouble()));
        }

        return table;
    }

    private static Table Versions(JsonElement cost, string currency)
    {
        var table = new Table().Title($"Versions ({currency})").AddColumn("version").AddColumn(new TableColumn("training").RightAligned())
            .AddColumn(new TableColumn("serving / 1,000 predictions").RightAligned()).AddColumn(new TableColumn("at evaluation").RightAligned())
            .AddColumn(new TableColumn("predictions (30 days)").RightAligned());
        foreach (JsonElement version in cost.GetProperty("versions").EnumerateArray())
        {
            table.AddRow(
                "v" + version.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture), Money(version.GetProperty("training").GetDouble()),
                OptionalMoney(version, "servingPer1000Predictions"), OptionalMoney(version, "holdoutServingPer1000Predictions"),
                version.GetProperty("predictions").GetInt64().ToString("N0", CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static string OptionalMoney(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? Money(value.GetDouble()) : "-";

    // Costs of single runs are fractions of a cent: four significant digits keep them readable.
    private static string Money(double value) => value == 0 ? "0" : value.ToString("G4", CultureInfo.InvariantCulture);

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "[model]")]
        public string? Model { get; init; }

        [CommandOption("--from <DAY>")]
        [Description("First day (yyyy-MM-dd); default 30 days ago.")]
        public string? From { get; init; }

        [CommandOption("--to <DAY>")]
        [Description("Last day (yyyy-MM-dd); default today.")]
        public string? To { get; init; }

        [CommandOption("--json")]
        [Description("Print the API's JSON answer instead of tables.")]
        public bool Json { get; init; }
    }
}
