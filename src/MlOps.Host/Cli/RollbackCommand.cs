using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops rollback &lt;model&gt; --reason R`: production back to the version it had before its last promotion.</summary>
public sealed class RollbackCommand(CliSession session) : ApiCommand<PromotionSettings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, PromotionSettings settings, ApiClient api, CancellationToken cancellationToken) =>
        CommandOutput.Document(await api.PostAsync(
            settings.ModelPath("rollback"), JsonSerializer.Serialize(new { reason = settings.Reason, by = settings.By, acknowledgeSchemaChange = settings.AcknowledgeSchemaChange }), cancellationToken));
}
