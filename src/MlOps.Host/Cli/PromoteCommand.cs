using System.ComponentModel;
using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops promote &lt;model&gt; &lt;version&gt; [--alias A] --reason R`: point an alias (production by default) at a version.</summary>
public sealed class PromoteCommand(CliSession session) : ApiCommand<PromoteCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        string body = JsonSerializer.Serialize(new
        {
            version = settings.Version, expectedVersion = settings.Expected, reason = settings.Reason, by = settings.By, acknowledgeSchemaChange = settings.AcknowledgeSchemaChange,
        });
        return CommandOutput.Document(await api.PutAsync(settings.ModelPath($"aliases/{Uri.EscapeDataString(settings.Alias)}"), body, cancellationToken));
    }

    public sealed class Settings : PromotionSettings
    {
        [CommandArgument(1, "<version>")]
        [Description("The version the alias should point at.")]
        public int Version { get; init; }

        [CommandOption("--alias <ALIAS>")]
        [Description("Alias to move (default production).")]
        [ValidAliasName]
        public string Alias { get; init; } = "production";

        [CommandOption("--expected <VERSION>")]
        [Description("Only move the alias if it still points at this version.")]
        public int? Expected { get; init; }
    }
}
