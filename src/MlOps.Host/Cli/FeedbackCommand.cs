using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops feedback &lt;model&gt; &lt;labels.json|-&gt;`: late ground-truth labels for logged predictions (decay monitor).</summary>
public sealed class FeedbackCommand : AsyncCommand<FeedbackCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string body = settings.File == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(settings.File, cancellationToken);
        using ApiClient api = ApiClient.From(settings);
        return JsonOutput.Write(await api.PostAsync($"api/models/{Uri.EscapeDataString(settings.Model)}/feedback", body, cancellationToken));
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;

        [CommandArgument(1, "<file>")]
        [Description("A JSON array of {\"requestId\": \"...\", \"row\": 0, \"label\": \"...\"}, or - for standard input.")]
        public string File { get; init; } = "-";
    }
}
