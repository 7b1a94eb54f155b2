using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops cost-monitor [--day yyyy-MM-dd] [--wait]`: reconcile a day's ledger with Azure now (today so far by default).</summary>
public sealed class CostMonitorCommand : AsyncCommand<CostMonitorCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        string query = settings.Day is null ? "" : "?day=" + Uri.EscapeDataString(settings.Day);
        JsonElement started = await api.PostAsync("api/cost/monitor" + query, "{}", cancellationToken);
        if (!settings.Wait)
        {
            return JsonOutput.Write(started);
        }

        string monitorId = started.GetProperty("monitorId").GetString()!;
        string day = started.GetProperty("day").GetString()!;
        JsonElement? report = null;
        await AnsiConsole.Status().StartAsync($"cost monitor {monitorId}", async _ =>
        {
            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (report is null && DateTime.UtcNow < deadline)
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
        });
        if (report is not { } done)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The cost monitor {monitorId} wrote no report within 10 minutes.[/]");
            return 1;
        }

        if (settings.Json)
        {
            return JsonOutput.Write(done);
        }

        CostReportTable.Write(done);
        return 0;
    }

    public sealed class Settings : ApiSettings
    {
        [CommandOption("--day <DAY>")]
        [Description("The UTC day to report (yyyy-MM-dd); today so far when omitted.")]
        public string? Day { get; init; }

        [CommandOption("--wait")]
        [Description("Wait for the report and print it as a table.")]
        public bool Wait { get; init; }

        [CommandOption("--json")]
        [Description("With --wait: print the report as JSON.")]
        public bool Json { get; init; }
    }
}
