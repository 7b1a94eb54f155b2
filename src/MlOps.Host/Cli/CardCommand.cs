using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// `mlops card &lt;model&gt; [version]`: a version's model card (the production version's when no version is named, else
/// the newest): data, training choices, metrics with their spread, known limitations, promotions.
/// </summary>
public sealed class CardCommand(CliSession session) : ApiCommand<CardCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        int version = settings.Version ?? await DefaultVersionAsync(settings, api, cancellationToken);
        JsonElement card = await api.GetAsync(settings.ModelPath($"versions/{version}/card"), cancellationToken);
        return new CommandOutput(card, new Rows([
            JsonView.Document(card, "limitations", "promotions", "driftHistory"),
            new Text("Known limitations"),
            JsonView.Table(JsonView.Field(card, "limitations"), "kind", "column", "message"),
            new Text("Promotions"),
            JsonView.Table(JsonView.Field(card, "promotions"), "at", "alias", "fromVersion", "toVersion", "by", "reason"),
        ]));
    }

    private static async Task<int> DefaultVersionAsync(Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        JsonElement model = await api.GetAsync(settings.ModelPath(), cancellationToken);
        if (JsonView.Field(model, "aliases.production") is { ValueKind: JsonValueKind.Number } production)
        {
            return production.GetInt32();
        }

        JsonElement versions = JsonView.Field(model, "versions");
        if (versions.ValueKind == JsonValueKind.Array && versions.GetArrayLength() > 0)
        {
            return versions.EnumerateArray().Max(v => v.GetProperty("version").GetInt32());
        }

        throw new CliException(CliExitCodes.ApiError, $"Model '{settings.Model}' has no version yet.", "Upload a dataset to train one, then ask again.");
    }

    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "[version]")]
        [Description("The version (default: the one production serves, else the newest).")]
        public int? Version { get; init; }
    }
}
