using Microsoft.DurableTask;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>Writes a run's status and reason (and, once it ends, its version, metrics and end time).</summary>
public sealed class UpdateRunStatusActivity : TaskActivity<RunOutcome, bool>
{
    private readonly RunStore _runs;
    private readonly TimeProvider _clock;

    public UpdateRunStatusActivity(RunStore runs, TimeProvider clock)
    {
        _runs = runs;
        _clock = clock;
    }

    public override async Task<bool> RunAsync(TaskActivityContext context, RunOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _runs.UpdateAsync(input.RunId, run => run with
        {
            Status = input.Status,
            Reason = input.Reason,
            ModelVersion = input.ModelVersion ?? run.ModelVersion,
            Metrics = input.Metrics ?? run.Metrics,
            EndedAt = input.Status.IsTerminal() ? run.EndedAt ?? _clock.GetUtcNow() : null,
        }, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
