using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops predict &lt;model&gt; &lt;rows.json|-&gt;`: score JSON rows with production (or an alias or version).</summary>
public sealed class PredictCommand(CliSession session) : ApiCommand<PredictCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        string body = await CliFiles.ReadTextAsync(settings.File, cancellationToken);
        string query = settings.Version is int v ? $"?version={v}" : settings.Alias is null ? string.Empty : $"?alias={Uri.EscapeDataString(settings.Alias)}";
        JsonElement answer = await api.PostAsync(settings.ModelPath("predict") + query, body, cancellationToken);
        return new CommandOutput(answer, new Rows(
            JsonView.Document(answer, "predictions"),
            JsonView.Table(JsonView.Field(answer, "predictions"))));
    }

    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<file>")]
        [Description("A JSON array of row objects, or - for standard input.")]
        public string File { get; init; } = "-";

        [CommandOption("--alias <ALIAS>")]
        [Description("Score with the version this alias points at instead of production (e.g. staging).")]
        [ValidAliasName]
        public string? Alias { get; init; }

        [CommandOption("--version <N>")]
        [Description("Score with this version instead of production.")]
        public int? Version { get; init; }
    }
}
