using System.ComponentModel;
using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops run &lt;runId&gt; [--wait]`: a run's status and steps, optionally following it to its end.</summary>
public sealed class RunCommand(CliSession session) : ApiCommand<RunCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        JsonElement run = settings.Wait
            ? await RunProgressView.FollowAsync(Session.Output, settings.Json, api, settings.RunId, cancellationToken)
            : await api.GetAsync(RunView.Path(settings.RunId), cancellationToken);
        return RunView.Output(run, settings.Wait);
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<runId>")]
        [Description("The run's id, as upload and start print it (model.hash).")]
        public string RunId { get; init; } = string.Empty;

        [CommandOption("--wait")]
        [Description(RunView.WaitDescription)]
        public bool Wait { get; init; }
    }
}
