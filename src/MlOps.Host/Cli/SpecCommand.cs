using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops spec &lt;model&gt; [file]`: show a model's pipeline spec, or set it from a JSON file.</summary>
public sealed class SpecCommand : AsyncCommand<SpecCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        string path = $"api/models/{settings.Model}/spec";
        return JsonOutput.Write(settings.File is null
            ? await api.GetAsync(path, cancellationToken)
            : await api.PutAsync(path, await File.ReadAllTextAsync(settings.File, cancellationToken), cancellationToken));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;

        [CommandArgument(1, "[file]")]
        public string? File { get; init; }
    }
}
