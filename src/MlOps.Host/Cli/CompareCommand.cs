using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops compare &lt;model&gt; &lt;a&gt; &lt;b&gt;`: two versions' metrics, deltas and parameter changes.</summary>
public sealed class CompareCommand : AsyncCommand<CompareCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        return JsonOutput.Write(await api.GetAsync($"api/models/{settings.Model}/compare?a={settings.A}&b={settings.B}", cancellationToken));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;

        [CommandArgument(1, "<a>")]
        public int A { get; init; }

        [CommandArgument(2, "<b>")]
        public int B { get; init; }
    }
}
