using System.ComponentModel;
using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops promote &lt;model&gt; &lt;version&gt; [--alias A] --reason R`: point an alias (production by default) at a version.</summary>
public sealed class PromoteCommand : AsyncCommand<PromoteCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        string body = JsonSerializer.Serialize(new
        {
            version = settings.Version, expectedVersion = settings.Expected, reason = settings.Reason, by = settings.By, acknowledgeSchemaChange = settings.AcknowledgeSchemaChange,
        });
        return JsonOutput.Write(await api.PutAsync($"api/models/{settings.Model}/aliases/{Uri.EscapeDataString(settings.Alias)}", body, cancellationToken));
    }

    public sealed class Settings : PromotionSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;

        [CommandArgument(1, "<version>")]
        public int Version { get; init; }

        [CommandOption("--alias <ALIAS>")]
        [Description("Alias to move (default production).")]
        public string Alias { get; init; } = "production";

        [CommandOption("--expected <VERSION>")]
        [Description("Only move the alias if it still points at this version.")]
        public int? Expected { get; init; }
    }
}
