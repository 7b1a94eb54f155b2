using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops approve|reject &lt;runId&gt; --reason R`: answer a run that waits for approval.</summary>
public sealed class DecideCommand : AsyncCommand<DecideCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string verb = context.Name; // "approve" or "reject"
        using ApiClient api = ApiClient.From(settings);
        string body = JsonSerializer.Serialize(new { reason = settings.Reason, by = settings.By });
        return JsonOutput.Write(await api.PostAsync($"api/runs/{Uri.EscapeDataString(settings.RunId)}/{verb}", body, cancellationToken));
    }

    public sealed class Settings : DecisionSettings
    {
        [CommandArgument(0, "<runId>")]
        public string RunId { get; init; } = string.Empty;
    }
}
