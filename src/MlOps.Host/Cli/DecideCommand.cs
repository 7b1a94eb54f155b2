using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops approve|reject &lt;runId&gt; --reason R`: answer a run that waits for approval.</summary>
public sealed class DecideCommand(CliSession session) : ApiCommand<DecisionSettings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, DecisionSettings settings, ApiClient api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string verb = context.Name; // "approve" or "reject"
        string body = JsonSerializer.Serialize(new { reason = settings.Reason, by = settings.By });
        return CommandOutput.Document(await api.PostAsync($"{RunView.Path(settings.RunId)}/{verb}", body, cancellationToken));
    }
}
