using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops cost-reports [day]`: the cost monitor's daily reports (one day in full with a day).</summary>
public sealed class CostReportsCommand : AsyncCommand<CostReportsCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        JsonElement answer = await api.GetAsync(settings.Day is null ? "api/cost/reports" : $"api/cost/reports/{Uri.EscapeDataString(settings.Day)}", cancellationToken);
        if (settings.Json)
        {
            return JsonOutput.Write(answer);
        }

        if (settings.Day is not null)
        {
            CostReportTable.Write(answer);
            return 0;
        }

        var table = new Table().Title("Daily cost reports");
        foreach (string column in new[] { "day", "sources", "estimated", "billed", "anomalies" })
        {
            table.AddColumn(column);
        }

        foreach (JsonElement report in answer.EnumerateArray())
        {
            JsonElement totals = report.GetProperty("totals");
            table.AddRow(
                report.GetProperty("day").GetString()!,
                string.Join("+", report.GetProperty("sources").EnumerateArray().Select(s => s.GetString())),
                totals.GetProperty("estimated").GetDouble().ToString("0.######", CultureInfo.InvariantCulture),
                totals.TryGetProperty("billed", out JsonElement billed) ? billed.GetDouble().ToString("0.######", CultureInfo.InvariantCulture) : "-",
                report.GetProperty("anomalies").GetArrayLength().ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return 0;
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "[day]")]
        [Description("A UTC day (yyyy-MM-dd): that day's report in full.")]
        public string? Day { get; init; }

        [CommandOption("--json")]
        public bool Json { get; init; }
    }
}
