using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlOps.Host.Cli;

/// <summary>How the commands that show, start or follow a run print it, and the exit code its final status gives.</summary>
public static class RunView
{
    /// <summary>The description of every command's --wait.</summary>
    public const string WaitDescription = "Follow the run stage by stage until it ends; the exit code is 1 if it ends Failed, Rejected or Expired.";

    public static string Path(string runId) => $"api/runs/{Uri.EscapeDataString(runId)}";

    public static string Status(JsonElement document) =>
        JsonView.Field(document, "run.status") is { ValueKind: JsonValueKind.String } status ? status.GetString()! : string.Empty;

    /// <summary>
    /// A run document (GET /api/runs/{runId}) for people: the run's fields, its metrics and steps, and last a line with
    /// its status. When the command waited for the end, a run that failed, was rejected or expired exits with 1.
    /// </summary>
    public static CommandOutput Output(JsonElement document, bool waited)
    {
        JsonElement run = JsonView.Field(document, "run");
        string runId = JsonView.Cell(JsonView.Field(run, "runId"));
        string status = Status(document);
        string reason = JsonView.Cell(JsonView.Field(run, "reason"));
        string version = JsonView.Field(run, "modelVersion") is { ValueKind: JsonValueKind.Number } v ? $", version {v.GetInt32()}" : string.Empty;
        var parts = new List<IRenderable> { JsonView.Document(run, "reason", "status") };
        if (JsonView.Field(document, "steps") is { ValueKind: JsonValueKind.Array } steps)
        {
            parts.Add(JsonView.Table(steps, "name", "status", "durationMs", "detail", "error"));
        }

        // A run still going: where each stage stands now, as --wait would draw it.
        parts.AddRange(RunStages.From(document).Where(stage => stage.Status == StageStatus.Running).Select(stage => new Text(stage.Text + Environment.NewLine)));
        string verb = RunStages.IsOver(status) ? "ended" : "is";
        parts.Add(new Markup($"Run [bold]{Markup.Escape(runId)}[/] {verb} [{Color(status)}]{Markup.Escape(status)}[/]{Markup.Escape(version)}"
            + (reason.Length > 0 ? ": " + Markup.Escape(reason) : string.Empty) + Environment.NewLine));
        return new CommandOutput(document, new Rows(parts), waited ? ExitCode(status) : CliExitCodes.Success);
    }

    /// <summary>What start and upload do with the API's answer to starting a run: say so, and follow it when asked.</summary>
    public static async Task<CommandOutput> StartedAsync(CliOutput output, bool json, ApiClient api, JsonElement started, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        string runId = JsonView.Field(started, "runId").GetString()!;
        string said = JsonView.Field(started, "started") is { ValueKind: JsonValueKind.False }
            ? $"Run [bold]{Markup.Escape(runId)}[/] was already started for this upload (by its blob trigger, or an earlier upload of the same bytes)."
            : $"Run [bold]{Markup.Escape(runId)}[/] started.";
        if (!wait)
        {
            return CommandOutput.Line(started, said + $" Follow it with [bold]mlops run {Markup.Escape(runId)} --wait[/].");
        }

        if (!json)
        {
            output.Console.MarkupLine(said);
        }

        return Output(await RunProgressView.FollowAsync(output, json, api, runId, cancellationToken).ConfigureAwait(false), waited: true);
    }

    public static int ExitCode(string status) =>
        status.Equals("failed", StringComparison.OrdinalIgnoreCase) || status.Equals("rejected", StringComparison.OrdinalIgnoreCase)
        || status.Equals("expired", StringComparison.OrdinalIgnoreCase)
            ? CliExitCodes.RunFailed
            : CliExitCodes.Success;

    private static string Color(string status) => ExitCode(status) == CliExitCodes.RunFailed ? "red" : RunStages.IsOver(status) ? "green" : "yellow";
}
