using System.ComponentModel;
using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops cost-reports [day]`: the cost monitor's daily reports, or one day's in full.</summary>
public sealed class CostReportsCommand(CliSession session) : ApiCommand<CostReportsCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        if (settings.Day is not null)
        {
            JsonElement report = await api.GetAsync($"api/cost/reports/{Uri.EscapeDataString(settings.Day)}", cancellationToken);
            return new CommandOutput(report, CostReportTable.For(report));
        }

        return CommandOutput.Table(await api.GetAsync("api/cost/reports", cancellationToken), "day", "sources", "totals", "anomalies");
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "[day]")]
        [Description("A UTC day (yyyy-MM-dd): that day's report in full.")]
        public string? Day { get; init; }
    }
}
