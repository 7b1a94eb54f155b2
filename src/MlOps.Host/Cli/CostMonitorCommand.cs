using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops cost-monitor [--day yyyy-MM-dd] [--wait]`: reconcile a day's ledger with Azure now (today so far by default).</summary>
public sealed class CostMonitorCommand(CliSession session) : ApiCommand<CostMonitorCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        string query = settings.Day is null ? "" : "?day=" + Uri.EscapeDataString(settings.Day);
        JsonElement started = await api.PostAsync("api/cost/monitor" + query, "{}", cancellationToken);
        if (!settings.Wait)
        {
            return CommandOutput.Document(started);
        }

        string monitorId = started.GetProperty("monitorId").GetString()!;
        string day = started.GetProperty("day").GetString()!;
        JsonElement? report = null;
        async Task PollAsync()
        {
            while (report is null)
            {
                try
                {
                    JsonElement candidate = await api.GetAsync($"api/cost/reports/{day}", cancellationToken);
                    report = candidate.GetProperty("monitorId").GetString() == monitorId ? candidate : null;
                }
                catch (ApiException ex) when (ex.Status == 404)
                {
                    // not written yet
                }

                if (report is null)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
            }
        }

        if (settings.Json)
        {
            await PollAsync();
        }
        else
        {
            await Session.Output.Console.Status().StartAsync($"cost monitor {Markup.Escape(monitorId)}", _ => PollAsync());
        }

        return new CommandOutput(report!.Value, CostReportTable.For(report.Value));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandOption("--day <DAY>")]
        [Description("The UTC day to report (yyyy-MM-dd); today so far when omitted.")]
        public string? Day { get; init; }

        [CommandOption("--wait")]
        [Description("Wait for the day's report and print it.")]
        public bool Wait { get; init; }
    }
}
