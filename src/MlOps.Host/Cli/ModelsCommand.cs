using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops models [model]`: all models with their production version, or one model's aliases and versions.</summary>
public sealed class ModelsCommand : AsyncCommand<ModelsCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        string path = settings.Model is null ? "api/models" : $"api/models/{settings.Model}";
        return JsonOutput.Write(await api.GetAsync(path, cancellationToken));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "[model]")]
        public string? Model { get; init; }
    }
}
