using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops run &lt;runId&gt; [--wait]`: a run's status and steps, optionally following it to the end.</summary>
public sealed class RunCommand : AsyncCommand<RunCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        JsonElement run = settings.Wait
            ? await RunProgressView.FollowAsync(AnsiConsole.Console, api, settings.RunId, TimeSpan.FromHours(1), cancellationToken)
            : await api.GetAsync($"api/runs/{Uri.EscapeDataString(settings.RunId)}", cancellationToken);
        return JsonOutput.Write(run);
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<runId>")]
        public string RunId { get; init; } = string.Empty;

        [CommandOption("--wait")]
        [Description("Follow the run with progress bars until it ends.")]
        public bool Wait { get; init; }
    }
}
