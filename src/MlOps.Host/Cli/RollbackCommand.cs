using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops rollback &lt;model&gt; --reason R`: production back to the version it had before its last promotion.</summary>
public sealed class RollbackCommand : AsyncCommand<RollbackCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        return JsonOutput.Write(await api.PostAsync($"api/models/{settings.Model}/rollback", JsonSerializer.Serialize(new { reason = settings.Reason, by = settings.By, acknowledgeSchemaChange = settings.AcknowledgeSchemaChange }), cancellationToken));
    }

    public sealed class Settings : PromotionSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;
    }
}
