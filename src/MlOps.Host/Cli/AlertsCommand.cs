using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops alerts &lt;model&gt;`: drift, decay, failed runs and rejected data, newest first.</summary>
public sealed class AlertsCommand : AsyncCommand<AlertsCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        return JsonOutput.Write(await api.GetAsync($"api/models/{settings.Model}/alerts", cancellationToken));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;
    }
}
