using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// `mlops cost [model]`: cost per day by stage with totals, then each version's training and serving cost (one model)
/// or each model's total (all models).
/// </summary>
public sealed class CostCommand(CliSession session) : ApiCommand<CostCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        string query = $"?from={Uri.EscapeDataString(settings.From ?? string.Empty)}&to={Uri.EscapeDataString(settings.To ?? string.Empty)}";
        JsonElement cost = await api.GetAsync((settings.Model is null ? "api/cost" : $"api/models/{Uri.EscapeDataString(settings.Model)}/cost") + query, cancellationToken);
        string currency = cost.GetProperty("currency").GetString()!;
        return new CommandOutput(cost, new Rows(DaysByStage(cost, currency), settings.Model is null ? Models(cost, currency) : Versions(cost, currency)));
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
            table.AddColumn(new TableColumn(Markup.Escape(stage)).RightAligned());
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

    // A run costs fractions of a cent: four significant digits keep such figures readable.
    private static string Money(double value) => value == 0 ? "0" : value.ToString("G4", CultureInfo.InvariantCulture);

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "[model]")]
        [Description("A model's name: its days, stages and versions (every model when left out).")]
        [ValidModelName]
        public string? Model { get; init; }

        [CommandOption("--from <DAY>")]
        [Description("First day (yyyy-MM-dd); default 30 days ago.")]
        public string? From { get; init; }

        [CommandOption("--to <DAY>")]
        [Description("Last day (yyyy-MM-dd); default today.")]
        public string? To { get; init; }
    }
}
