using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops predict &lt;model&gt; &lt;rows.json|-&gt;`: score JSON rows with production (or an alias or version).</summary>
public sealed class PredictCommand : AsyncCommand<PredictCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string body = settings.File == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(settings.File, cancellationToken);
        string query = settings.Version is int v ? $"?version={v}" : settings.Alias is null ? string.Empty : $"?alias={Uri.EscapeDataString(settings.Alias)}";
        using ApiClient api = ApiClient.From(settings);
        return JsonOutput.Write(await api.PostAsync($"api/models/{settings.Model}/predict{query}", body, cancellationToken));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;

        [CommandArgument(1, "<file>")]
        [Description("A JSON array of row objects, or - for standard input.")]
        public string File { get; init; } = "-";

        [CommandOption("--alias <ALIAS>")]
        public string? Alias { get; init; }

        [CommandOption("--version <N>")]
        public int? Version { get; init; }
    }
}
