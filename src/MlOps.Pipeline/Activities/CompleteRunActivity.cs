using Microsoft.DurableTask;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>Writes a run's final status, reason, version and metrics.</summary>
public sealed class CompleteRunActivity : TaskActivity<RunOutcome, bool>
{
    private readonly RunStore _runs;
    private readonly TimeProvider _clock;

    public CompleteRunActivity(RunStore runs, TimeProvider clock)
    {
        _runs = runs;
        _clock = clock;
    }

    public override async Task<bool> RunAsync(TaskActivityContext context, RunOutcome input)
    {
        await _runs.UpdateAsync(input.RunId, run => run with
        {
            Status = input.Status,
            Reason = input.Reason,
            ModelVersion = input.ModelVersion ?? run.ModelVersion,
            Metrics = input.Metrics ?? run.Metrics,
            EndedAt = run.EndedAt ?? _clock.GetUtcNow(),
        }, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
