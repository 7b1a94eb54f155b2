using System.Globalization;
using System.Text.Json;

namespace MlOps.Host.Cli;

/// <summary>
/// Reads a run document (GET /api/runs/{runId}: the run, its steps and the orchestration's custom status) into the
/// stages the progress view draws: ingest bytes and rows, candidates done of total with the best so far, evaluate,
/// deploy, and the approval wait when there is one.
/// </summary>
public static class RunStages
{
    private static readonly string[] Pipeline = ["ingest", "train", "evaluate", "deploy"];

    /// <param name="waitedForApproval">The run was seen waiting for approval earlier: the stage stays listed with the outcome.</param>
    public static IReadOnlyList<StageState> From(JsonElement document, bool waitedForApproval = false)
    {
        JsonElement run = JsonView.Field(document, "run");
        string runId = Text(run, "runId");
        string runStatus = Text(run, "status");
        bool over = IsOver(runStatus);
        JsonElement custom = JsonView.Field(document, "orchestration.customStatus");
        var steps = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        if (JsonView.Field(document, "steps") is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (JsonElement step in list.EnumerateArray())
            {
                steps[Text(step, "name")] = step;
            }
        }

        var stages = new List<StageState>();
        foreach (string name in Pipeline)
        {
            stages.Add(steps.TryGetValue(name, out JsonElement step)
                ? FromStep(name, step, custom)
                : new StageState(name, over ? StageStatus.Skipped : StageStatus.Pending, over ? $"{name}: skipped" : name, 0, "pending"));
        }

        if (Approval(runId, runStatus, custom, steps, over) is { } approval)
        {
            stages.Add(approval);
        }
        else if (waitedForApproval && over)
        {
            stages.Add(new StageState("approval", StageStatus.Done, $"approval: {Text(run, "reason")}", 1, "decided"));
        }

        return stages;
    }

    /// <summary>True once the run's status is terminal (anything but running or waiting for approval).</summary>
    public static bool IsOver(string status) =>
        status.Length > 0 && !status.Equals("running", StringComparison.OrdinalIgnoreCase) && !status.Equals("waitingForApproval", StringComparison.OrdinalIgnoreCase);

    private static StageState FromStep(string name, JsonElement step, JsonElement custom)
    {
        string status = Text(step, "status");
        string detail = Text(step, "detail") is { Length: > 0 } d ? d : Text(step, "error");
        if (!status.Equals("running", StringComparison.OrdinalIgnoreCase))
        {
            bool good = status.Equals("succeeded", StringComparison.OrdinalIgnoreCase) || status.Equals("skipped", StringComparison.OrdinalIgnoreCase)
                || status.Equals("notPromoted", StringComparison.OrdinalIgnoreCase);
            string took = step.TryGetProperty("durationMs", out JsonElement ms) && ms.ValueKind == JsonValueKind.Number ? $" ({Seconds(ms.GetDouble())})" : string.Empty;
            return new StageState(name, good ? StageStatus.Done : StageStatus.Failed, $"{name}: {status}{took}{(detail.Length > 0 ? ": " + detail : string.Empty)}", 1, status);
        }

        return name switch
        {
            "ingest" => Ingest(JsonView.Field(step, "progress")),
            "train" => Train(JsonView.Field(custom, "candidates")),
            _ => new StageState(name, StageStatus.Running, name + ": running", null, "running"),
        };
    }

    private static StageState Ingest(JsonElement progress)
    {
        if (progress.ValueKind != JsonValueKind.Object)
        {
            return new StageState("ingest", StageStatus.Running, "ingest: starting", null, "starting");
        }

        string phase = Text(progress, "phase");
        long bytes = Long(progress, "bytes");
        long total = Math.Max(1, Long(progress, "totalBytes"));
        long rows = Long(progress, "rows");
        double share = Math.Clamp((double)bytes / total, 0, 1);
        return phase switch
        {
            "download" => new StageState("ingest", StageStatus.Running, $"ingest: downloading {Of(bytes, total)}", share / 2, $"download {Quarter(share)}"),
            "parse" => new StageState("ingest", StageStatus.Running,
                $"ingest: reading {Of(bytes, total)}, {rows.ToString("N0", CultureInfo.InvariantCulture)} rows", 0.5 + (share / 2), $"parse {Quarter(share)}"),
            _ => new StageState("ingest", StageStatus.Running, $"ingest: {phase} ({(total / 1e6).ToString("0.0#", CultureInfo.InvariantCulture)} MB)", null, phase),
        };
    }

    private static StageState Train(JsonElement candidates)
    {
        if (candidates.ValueKind != JsonValueKind.Object)
        {
            return new StageState("train", StageStatus.Running, "train: planning the candidates", null, "planning");
        }

        long done = Long(candidates, "done");
        long total = Math.Max(1, Long(candidates, "total"));
        long failed = Long(candidates, "failed");
        string best = JsonView.Field(candidates, "bestValue") is { ValueKind: JsonValueKind.Number } value
            ? $", best {Text(candidates, "bestTrainer")} {Text(candidates, "metric")} {JsonView.Number(value.GetDouble())}"
            : string.Empty;
        string failures = failed > 0 ? $" ({failed} without a model)" : string.Empty;
        return new StageState("train", StageStatus.Running, $"train: {done} of {total} candidates{failures}{best}", (double)done / total, $"{done}");
    }

    private static StageState? Approval(string runId, string runStatus, JsonElement custom, Dictionary<string, JsonElement> steps, bool over)
    {
        if (runStatus.Equals("waitingForApproval", StringComparison.OrdinalIgnoreCase) || Text(custom, "stage") == "approval")
        {
            string deadline = JsonView.Field(custom, "approvalDeadline") is { ValueKind: JsonValueKind.String } at ? $" until {JsonView.Cell(at)}" : string.Empty;
            string version = JsonView.Field(custom, "version") is { ValueKind: JsonValueKind.Number } v ? $"v{v.GetInt32()}" : "the new version";
            return new StageState("approval", StageStatus.Running,
                $"approval: {version} waits{deadline} for `mlops approve {runId}` or `mlops reject {runId}`", null, "waiting");
        }

        return steps.TryGetValue("promote", out JsonElement promote) ? FromStep("approval", promote, custom)
            : over && runStatus.Equals("expired", StringComparison.OrdinalIgnoreCase) ? new StageState("approval", StageStatus.Failed, "approval: expired", 1, "expired")
            : null;
    }

    private static string Text(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out JsonElement field) && field.ValueKind == JsonValueKind.String ? field.GetString()! : string.Empty;

    private static long Long(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out JsonElement field) && field.ValueKind == JsonValueKind.Number ? (long)field.GetDouble() : 0;

    /// <summary>"30.0 of 40.0 MB": both in the total's precision.</summary>
    private static string Of(long bytes, long total)
    {
        string format = total < 10_000_000 ? "0.00" : "0.0";
        return $"{(bytes / 1e6).ToString(format, CultureInfo.InvariantCulture)} of {(total / 1e6).ToString(format, CultureInfo.InvariantCulture)} MB";
    }

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static int Quarter(double share) => (int)(share * 4);
}
