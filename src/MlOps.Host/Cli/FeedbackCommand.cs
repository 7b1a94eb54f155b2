using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops feedback &lt;model&gt; &lt;labels.json|-&gt;`: late ground-truth labels for logged predictions (decay monitor).</summary>
public sealed class FeedbackCommand(CliSession session) : ApiCommand<FeedbackCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken) =>
        CommandOutput.Document(await api.PostAsync(settings.ModelPath("feedback"), await CliFiles.ReadTextAsync(settings.File, cancellationToken), cancellationToken));

    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<file>")]
        [Description("A JSON array of {\"requestId\": \"...\", \"row\": 0, \"label\": \"...\"}, or - for standard input.")]
        public string File { get; init; } = "-";
    }
}
