using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MlOps.Core.Alerts;
using MlOps.Core.Runs;
using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// Records a stage of a run (start, end, duration, outcome) around the stage's work. The step is keyed by run and
/// stage, so a retried activity overwrites its own record instead of adding one.
/// </summary>
public sealed class StepRecorder
{
    private readonly RunStore _runs;
    private readonly TimeProvider _clock;
    private readonly ILogger<StepRecorder> _logger;
    private readonly MlOpsMetrics _metrics;

    /// <summary>How often a running step's progress is written: often enough to watch, rare enough to cost nothing.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The configuration key of <see cref="StagePause"/>, for tests that stop the host inside a stage.</summary>
    public const string StagePauseSetting = "Testing:StagePause";

    /// <param name="stagePause">See <see cref="StagePause"/>; zero (every real deployment) pauses nothing.</param>
    public StepRecorder(RunStore runs, TimeProvider clock, ILogger<StepRecorder> logger, MlOpsMetrics metrics, TimeSpan stagePause = default)
    {
        _runs = runs;
        _clock = clock;
        _logger = logger;
        _metrics = metrics;
        StagePause = stagePause;
    }

    /// <summary>
    /// How long each stage's activity waits once its step is recorded running, before its work. Only resilience tests
    /// set it (<see cref="StagePauseSetting"/>): a test that kills the host during a stage must see the stage running
    /// first, and on a fast machine a stage's work can end within one look at the step records. The activity holds its
    /// durable message for the whole pause, so the kill interrupts the stage as a crash during its work would.
    /// </summary>
    public TimeSpan StagePause { get; }

    /// <summary>Marks a step as running, for stages that span several activities (the training fan-out).</summary>
    public async Task StartAsync(string runId, int order, string name, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await _runs.RecordStepAsync(runId, new RunStepRecord { Name = name, Order = order, Status = RunStatus.Running, StartedAt = startedAt }, cancellationToken).ConfigureAwait(false);
        await PauseAsync(runId, name, cancellationToken).ConfigureAwait(false);
    }

    private async Task PauseAsync(string runId, string name, CancellationToken cancellationToken)
    {
        if (StagePause > TimeSpan.Zero)
        {
            _logger.LogInformation("Run {RunId} step {Step} running; pausing {Pause} before its work ({Setting})", runId, name, StagePause, StagePauseSetting);
            await Task.Delay(StagePause, _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ends a step started with <see cref="StartAsync"/>; its duration is wall time since it started. The stage's span
    /// covers the same time, beside the activity spans of the work it spanned (the candidates).
    /// </summary>
    public Task EndAsync(string runId, int order, string name, DateTimeOffset startedAt, RunStatus status, string? detail, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        Activity? activitySpan = Activity.Current;
        ActivityContext sibling = activitySpan is null ? default : new ActivityContext(activitySpan.TraceId, activitySpan.ParentSpanId, activitySpan.ActivityTraceFlags);
        using (Activity? span = MlOpsTracing.Source.StartActivity(name, ActivityKind.Internal, sibling, startTime: startedAt))
        {
            Describe(span, runId, name, status);
            span?.SetEndTime(now.UtcDateTime);
        }

        RecordDuration(runId, name, status, (now - startedAt).TotalMilliseconds);
        return _runs.RecordStepAsync(runId, new RunStepRecord
        {
            Name = name, Order = order, Status = status, StartedAt = startedAt, EndedAt = now, DurationMs = (now - startedAt).TotalMilliseconds, Detail = detail,
        }, cancellationToken);
    }

    public Task<T> RecordAsync<T>(string runId, int order, string name, Func<Task<T>> work, Func<T, (RunStatus Status, string? Detail)> describe, CancellationToken cancellationToken) =>
        RecordAsync(runId, order, name, _ => work(), describe, cancellationToken);

    /// <summary>
    /// Like the other overload, for work that reports its progress: the running step record carries the latest
    /// progress (written at most every <see cref="ProgressInterval"/>), and the finished record keeps the last one.
    /// </summary>
    public async Task<T> RecordAsync<T>(
        string runId, int order, string name, Func<IProgress<StepProgress>, Task<T>> work, Func<T, (RunStatus Status, string? Detail)> describe, CancellationToken cancellationToken)
    {
        using Activity? span = MlOpsTracing.Source.StartActivity(name);
        var step = new RunStepRecord { Name = name, Order = order, Status = RunStatus.Running, StartedAt = _clock.GetUtcNow() };
        await _runs.RecordStepAsync(runId, step, cancellationToken).ConfigureAwait(false);
        var timer = Stopwatch.StartNew();
        await PauseAsync(runId, name, cancellationToken).ConfigureAwait(false);
        try
        {
            T result;
            StepProgress? progress;
            StepProgressWriter writer = new(p => _runs.RecordStepAsync(runId, step with { Progress = p }, cancellationToken), ProgressInterval, _clock, _logger);
            await using (writer.ConfigureAwait(false))
            {
                result = await work(writer).ConfigureAwait(false);
                progress = writer.Latest;
            }

            (RunStatus status, string? detail) = describe(result);
            Describe(span, runId, name, status);
            RecordDuration(runId, name, status, timer.Elapsed.TotalMilliseconds);
            await _runs.RecordStepAsync(runId, step with
            {
                Status = status, EndedAt = _clock.GetUtcNow(), DurationMs = timer.Elapsed.TotalMilliseconds, Detail = detail, Progress = progress,
            }, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Run {RunId} step {Step} ended {Status} in {DurationMs:F0} ms", runId, name, status, timer.Elapsed.TotalMilliseconds);
            return result;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Run {RunId} step {Step} failed after {DurationMs:F0} ms", runId, name, timer.Elapsed.TotalMilliseconds);
            Describe(span, runId, name, RunStatus.Failed);
            MlOpsTracing.RecordException(span, ex);
            RecordDuration(runId, name, RunStatus.Failed, timer.Elapsed.TotalMilliseconds);
            await _runs.RecordStepAsync(runId, step with
            {
                Status = RunStatus.Failed, EndedAt = _clock.GetUtcNow(), DurationMs = timer.Elapsed.TotalMilliseconds, Error = ex.Message,
            }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static void Describe(Activity? span, string runId, string stage, RunStatus status)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(MlOpsTags.Model, RunIds.ModelOf(runId));
        span.SetTag(MlOpsTags.RunId, runId);
        span.SetTag(MlOpsTags.Stage, stage);
        span.SetTag(MlOpsTags.Status, status.ToString());
        if (status == RunStatus.Failed)
        {
            span.SetStatus(ActivityStatusCode.Error);
        }
    }

    private void RecordDuration(string runId, string stage, RunStatus status, double milliseconds) =>
        _metrics.StageDuration.Record(milliseconds, new KeyValuePair<string, object?>(MlOpsTags.Model, RunIds.ModelOf(runId)),
            new KeyValuePair<string, object?>(MlOpsTags.Stage, stage), new KeyValuePair<string, object?>(MlOpsTags.Status, status.ToString()));
}
