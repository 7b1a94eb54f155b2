using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// `mlops history|alerts|monitors|drift|decay &lt;model&gt;`: one of a model's records, newest first. The command name is
/// the route under the model, so each feed the API grows is one line in <see cref="CliApp"/>.
/// </summary>
public sealed class ModelFeedCommand : AsyncCommand<ModelFeedCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using ApiClient api = ApiClient.From(settings);
        return JsonOutput.Write(await api.GetAsync($"api/models/{Uri.EscapeDataString(settings.Model)}/{context.Name}", cancellationToken));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;
    }
}
