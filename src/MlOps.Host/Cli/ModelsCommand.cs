using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// `mlops models [model]`: all models with their production version, or one model's aliases and versions (with a line
/// of fold means and standard deviations for each version trained with cross-validation).
/// </summary>
public sealed class ModelsCommand(CliSession session) : ApiCommand<ModelsCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        if (settings.Model is null)
        {
            return CommandOutput.Table(await api.GetAsync("api/models", cancellationToken), "model", "productionVersion", "latestVersion", "versions");
        }

        JsonElement model = await api.GetAsync($"api/models/{Uri.EscapeDataString(settings.Model)}", cancellationToken);
        return new CommandOutput(model, new Rows([
            JsonView.Document(model, "versions"),
            JsonView.Table(JsonView.Field(model, "versions"), "version", "trainer", "metrics", "threshold", "createdAt", "runId"),
            .. CrossValidationText.Lines(model).Select(line => new Text(line)),
        ]));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "[model]")]
        [Description("A model's name: show its aliases and versions (all models when left out).")]
        [ValidModelName]
        public string? Model { get; init; }
    }
}
