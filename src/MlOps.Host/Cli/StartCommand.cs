using System.ComponentModel;
using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops start &lt;model&gt; &lt;blob&gt; [--force] [--wait]`: start a run on an uploaded blob over HTTP.</summary>
public sealed class StartCommand(CliSession session) : ApiCommand<StartCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        JsonElement started = await api.PostAsync(settings.ModelPath("runs"), JsonSerializer.Serialize(new { blob = settings.Blob, force = settings.Force }), cancellationToken);
        return await RunView.StartedAsync(Session.Output, settings.Json, api, started, settings.Wait, cancellationToken);
    }

    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<blob>")]
        [Description("The uploaded blob, as {model}/{file} in the datasets container.")]
        public string Blob { get; init; } = string.Empty;

        [CommandOption("--wait")]
        [Description(RunView.WaitDescription)]
        public bool Wait { get; init; }

        [CommandOption("--force")]
        [Description("Train this blob version again although it already had a run (runs are keyed by content).")]
        public bool Force { get; init; }
    }
}
