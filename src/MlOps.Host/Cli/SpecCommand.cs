using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops spec &lt;model&gt; [file]`: show a model's pipeline spec, or set it from a JSON file.</summary>
public sealed class SpecCommand(CliSession session) : ApiCommand<SpecCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken) =>
        CommandOutput.Document(settings.File is null
            ? await api.GetAsync(settings.ModelPath("spec"), cancellationToken)
            : await api.PutAsync(settings.ModelPath("spec"), await CliFiles.ReadTextAsync(settings.File, cancellationToken), cancellationToken));

    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "[file]")]
        [Description("A pipeline.json to set as the model's spec (a new spec version); left out, the spec in force is shown.")]
        public string? File { get; init; }
    }
}
