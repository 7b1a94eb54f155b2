using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops start &lt;model&gt; &lt;blob&gt; [--force] [--wait]`: start a run on an uploaded blob over HTTP.</summary>
public sealed class StartCommand : AsyncCommand<StartCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        JsonElement started = await api.PostAsync($"api/models/{settings.Model}/runs", JsonSerializer.Serialize(new { blob = settings.Blob, force = settings.Force }), cancellationToken);
        string runId = started.GetProperty("runId").GetString()!;
        AnsiConsole.MarkupLineInterpolated($"Run [bold]{runId}[/] {(started.GetProperty("started").GetBoolean() ? "started" : "already exists")}.");
        return settings.Wait
            ? JsonOutput.Write(await RunProgressView.FollowAsync(AnsiConsole.Console, api, runId, TimeSpan.FromHours(1), cancellationToken))
            : 0;
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;

        [CommandArgument(1, "<blob>")]
        public string Blob { get; init; } = string.Empty;

        [CommandOption("--wait")]
        public bool Wait { get; init; }

        [CommandOption("--force")]
        [Description("Train this blob version again although it already had a run (runs are keyed by content).")]
        public bool Force { get; init; }
    }
}
