using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops compare &lt;model&gt; &lt;a&gt; &lt;b&gt;`: two versions' metrics, deltas and parameter changes.</summary>
public sealed class CompareCommand(CliSession session) : ApiCommand<CompareCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken) =>
        CommandOutput.Document(await api.GetAsync(settings.ModelPath($"compare?a={settings.A}&b={settings.B}"), cancellationToken));

    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<a>")]
        [Description("The first version (the baseline of the deltas).")]
        public int A { get; init; }

        [CommandArgument(2, "<b>")]
        [Description("The second version.")]
        public int B { get; init; }
    }
}
