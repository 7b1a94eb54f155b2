using System.Text.Json;
using Spectre.Console;

namespace MlOps.Host.Cli;

/// <summary>Follows a run over the HTTP API and draws one progress bar per stage until the run ends; returns the final run document.</summary>
public static class RunProgressView
{
    private static readonly string[] Stages = ["ingest", "train", "evaluate", "deploy"];

    public static async Task<JsonElement> FollowAsync(IAnsiConsole console, ApiClient api, string runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        JsonElement latest = default;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                Dictionary<string, ProgressTask> bars = Stages.ToDictionary(s => s, s => progress.AddTask(s, autoStart: false, maxValue: 100));
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(timeout);
                while (true)
                {
                    try
                    {
                        latest = await api.GetAsync($"api/runs/{Uri.EscapeDataString(runId)}", deadline.Token).ConfigureAwait(false);
                        if (Update(bars, latest))
                        {
                            return;
                        }
                    }
                    catch (ApiException ex) when (ex.Status == 404)
                    {
                        // The run record appears as soon as the trigger starts it.
                    }

                    await Task.Delay(150, deadline.Token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        return latest;
    }

    /// <summary>Moves the bars to the steps' states; true once the run is over.</summary>
    private static bool Update(Dictionary<string, ProgressTask> bars, JsonElement document)
    {
        foreach (JsonElement step in document.GetProperty("steps").EnumerateArray())
        {
            if (!bars.TryGetValue(step.GetProperty("name").GetString()!, out ProgressTask? bar))
            {
                continue;
            }

            string status = step.GetProperty("status").GetString()!.ToLowerInvariant();
            if (!bar.IsStarted)
            {
                bar.StartTask();
            }

            bar.Value = status == "running" ? Math.Max(bar.Value, 50) : 100;
            bar.Description = status is "running" or "succeeded" ? step.GetProperty("name").GetString()! : $"{step.GetProperty("name").GetString()} ({status})";
            if (status != "running")
            {
                bar.StopTask();
            }
        }

        string runStatus = document.GetProperty("run").GetProperty("status").GetString()!.ToLowerInvariant();
        bool over = runStatus is not ("running" or "waitingforapproval");
        if (over)
        {
            foreach (ProgressTask bar in bars.Values.Where(b => !b.IsFinished))
            {
                bar.Description += " (skipped)";
                bar.StopTask();
            }
        }

        return over;
    }
}
