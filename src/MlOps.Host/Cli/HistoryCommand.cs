using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops history &lt;model&gt;`: the promotion history, newest first.</summary>
public sealed class HistoryCommand : AsyncCommand<HistoryCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        return JsonOutput.Write(await api.GetAsync($"api/models/{settings.Model}/history", cancellationToken));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;
    }
}
