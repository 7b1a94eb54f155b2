using System.Globalization;
using MlOps.Core.Storage;

namespace MlOps.Core.Runs;

/// <summary>Runs (partitioned by model) and their steps (partitioned by run) in Table storage.</summary>
public sealed class RunStore
{
    private readonly JsonTable<RunRecord> _runs;
    private readonly JsonTable<RunStepRecord> _steps;

    public RunStore(MlOpsStorage storage)
    {
        _runs = new JsonTable<RunRecord>(storage.Table(storage.Layout.Runs), r => new Dictionary<string, object>
        {
            ["Status"] = r.Status.ToString(),
            ["StartedAt"] = r.StartedAt,
        });
        _steps = new JsonTable<RunStepRecord>(storage.Table(storage.Layout.RunSteps));
    }

    /// <summary>Records a new run. Insert-only: false when the run id exists, which is how a second trigger of one blob version is recognised.</summary>
    public Task<bool> TryCreateAsync(RunRecord run, CancellationToken cancellationToken = default) =>
        _runs.TryAddAsync(run.Model, run.RunId, run, cancellationToken);

    public async Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        (await _runs.GetAsync(RunIds.ModelOf(runId), runId, cancellationToken).ConfigureAwait(false))?.Value;

    public Task<RunRecord> UpdateAsync(string runId, Func<RunRecord, RunRecord> change, CancellationToken cancellationToken = default) =>
        _runs.UpdateAsync(RunIds.ModelOf(runId), runId, change, cancellationToken);

    public async Task<IReadOnlyList<RunRecord>> ListAsync(string model, int max = 100, CancellationToken cancellationToken = default)
    {
        var runs = new List<RunRecord>();
        await foreach (Versioned<RunRecord> run in _runs.QueryAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(run.Value);
        }

        return runs.OrderByDescending(r => r.StartedAt).Take(max).ToList();
    }

    /// <summary>Writes a step keyed by run and order, so an activity that runs twice overwrites its own record.</summary>
    public Task RecordStepAsync(string runId, RunStepRecord step, CancellationToken cancellationToken = default) =>
        _steps.UpsertAsync(runId, StepKey(step), step, cancellationToken);

    public async Task<IReadOnlyList<RunStepRecord>> GetStepsAsync(string runId, CancellationToken cancellationToken = default)
    {
        var steps = new List<RunStepRecord>();
        await foreach (Versioned<RunStepRecord> step in _steps.QueryAsync(runId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            steps.Add(step.Value);
        }

        return steps.OrderBy(s => s.Order).ToList();
    }

    private static string StepKey(RunStepRecord step) => step.Order.ToString("D2", CultureInfo.InvariantCulture) + "-" + step.Name;
}
