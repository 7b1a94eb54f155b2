using System.Text.Json;
using Spectre.Console;

namespace MlOps.Host.Cli;

/// <summary>
/// Follows a run over the HTTP API until it ends and shows its stages as they go (see <see cref="RunStages"/>): live
/// bars on a terminal, a line per milestone when the output is a log or a pipe, nothing for --json. Returns the
/// final run document.
/// </summary>
public static class RunProgressView
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>The CLI's follow: no time limit (Ctrl+C stops following; the run goes on).</summary>
    public static Task<JsonElement> FollowAsync(CliOutput output, bool json, ApiClient api, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return FollowAsync(json ? null : output.Console, api, runId, Timeout.InfiniteTimeSpan, cancellationToken);
    }

    /// <param name="console">Where to draw; null follows silently.</param>
    public static async Task<JsonElement> FollowAsync(IAnsiConsole? console, ApiClient api, string runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            if (console is null)
            {
                return await PollAsync(api, runId, _ => { }, deadline.Token).ConfigureAwait(false);
            }

            if (!console.Profile.Capabilities.Interactive)
            {
                var lines = new LineView(console);
                return await PollAsync(api, runId, lines.Show, deadline.Token).ConfigureAwait(false);
            }

            JsonElement final = default;
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var bars = new BarView(progress);
                    final = await PollAsync(api, runId, bars.Show, deadline.Token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            return final;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(CliExitCodes.Unexpected, $"run {runId} did not end within {timeout}", $"it goes on: `mlops run {runId}` shows it");
        }
    }

    private static async Task<JsonElement> PollAsync(ApiClient api, string runId, Action<IReadOnlyList<StageState>> show, CancellationToken cancellationToken)
    {
        bool waitedForApproval = false;
        while (true)
        {
            try
            {
                JsonElement document = await api.GetAsync(RunView.Path(runId), cancellationToken).ConfigureAwait(false);
                string status = RunView.Status(document);
                waitedForApproval |= status.Equals("waitingForApproval", StringComparison.OrdinalIgnoreCase);
                show(RunStages.From(document, waitedForApproval));
                if (RunStages.IsOver(status))
                {
                    return document;
                }
            }
            catch (ApiException ex) when (ex.Status == 404)
            {
                // The run record appears as soon as a trigger starts the run.
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A progress bar per stage, created as the stage appears.</summary>
    private sealed class BarView(ProgressContext progress)
    {
        private readonly Dictionary<string, ProgressTask> _bars = new(StringComparer.Ordinal);

        public void Show(IReadOnlyList<StageState> stages)
        {
            foreach (StageState stage in stages)
            {
                if (!_bars.TryGetValue(stage.Name, out ProgressTask? bar))
                {
                    bar = _bars[stage.Name] = progress.AddTask(stage.Name, autoStart: false, maxValue: 1);
                }

                bar.Description = Markup.Escape(stage.Text);
                if (stage.Status == StageStatus.Pending)
                {
                    continue;
                }

                if (!bar.IsStarted)
                {
                    bar.StartTask();
                }

                bar.IsIndeterminate = stage.Fraction is null && stage.Status == StageStatus.Running;
                bar.Value = stage.Fraction ?? (stage.Status == StageStatus.Running ? 0 : 1);
                if (stage.Status is StageStatus.Done or StageStatus.Failed or StageStatus.Skipped)
                {
                    bar.StopTask();
                }
            }
        }
    }

    /// <summary>A line each time a stage reaches a milestone: readable in a log, where bars would be noise.</summary>
    private sealed class LineView(IAnsiConsole console)
    {
        private readonly Dictionary<string, string> _shown = new(StringComparer.Ordinal);

        public void Show(IReadOnlyList<StageState> stages)
        {
            foreach (StageState stage in stages.Where(s => s.Status != StageStatus.Pending))
            {
                string key = $"{stage.Status}:{stage.Milestone}";
                if (_shown.GetValueOrDefault(stage.Name) != key)
                {
                    _shown[stage.Name] = key;
                    console.WriteLine(stage.Text);
                }
            }
        }
    }
}
