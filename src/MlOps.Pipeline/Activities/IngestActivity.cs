using Microsoft.DurableTask;
using MlOps.Core.Data;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>Validates, versions, profiles and splits the uploaded dataset; bad data is an outcome (Rejected), not an error.</summary>
public sealed class IngestActivity : TaskActivity<TrainingRequest, IngestOutcome>
{
    private readonly DatasetIngestor _ingestor;
    private readonly RunStore _runs;
    private readonly StepRecorder _steps;

    public IngestActivity(DatasetIngestor ingestor, RunStore runs, StepRecorder steps)
    {
        _ingestor = ingestor;
        _runs = runs;
        _steps = steps;
    }

    public override async Task<IngestOutcome> RunAsync(TaskActivityContext context, TrainingRequest input)
    {
        IngestOutcome outcome = await _steps.RecordAsync(
            input.RunId, 1, "ingest",
            progress => _ingestor.IngestAsync(input.Model, input.DatasetBlob, input.Force, progress, CancellationToken.None),
            r => r.Accepted
                ? (r.Unchanged ? RunStatus.Skipped : RunStatus.Succeeded, r.Reason ?? $"{r.Rows} rows, {r.Warnings.Count} warning(s)")
                : (RunStatus.Rejected, r.Reason),
            CancellationToken.None).ConfigureAwait(false);
        await _runs.UpdateAsync(input.RunId, run => run with
        {
            DatasetVersion = outcome.DatasetVersion ?? run.DatasetVersion,
            SpecVersion = outcome.SpecVersion == 0 ? run.SpecVersion : outcome.SpecVersion,
            ValidationReport = outcome.ValidationReport ?? run.ValidationReport,
            Warnings = outcome.Warnings.Count > 0 ? outcome.Warnings : run.Warnings,
        }, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }
}
