using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops models [model]`: all models with their production version, or one model's aliases and versions (with a line of cross-validated figures for each version trained with folds).</summary>
public sealed class ModelsCommand : AsyncCommand<ModelsCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        string path = settings.Model is null ? "api/models" : $"api/models/{settings.Model}";
        JsonElement answer = await api.GetAsync(path, cancellationToken);
        JsonOutput.Write(answer);
        foreach (string line in CrossValidationText.Lines(answer))
        {
            AnsiConsole.WriteLine(line);
        }

        return 0;
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "[model]")]
        public string? Model { get; init; }
    }
}
