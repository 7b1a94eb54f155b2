using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Data;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Validates, versions, profiles and splits the uploaded dataset; bad data is an outcome (Rejected), not an error.</summary>
public sealed class IngestActivity : MeteredActivity<TrainingRequest, IngestOutcome>
{
    private readonly DatasetIngestor _ingestor;
    private readonly RunStore _runs;
    private readonly StepRecorder _steps;
    private readonly BudgetGuard _budgets;
    private readonly SpecStore _specs;

    public IngestActivity(DatasetIngestor ingestor, RunStore runs, StepRecorder steps, BudgetGuard budgets, SpecStore specs, CostMeter cost)
        : base(cost)
    {
        _budgets = budgets;
        _specs = specs;
        _ingestor = ingestor;
        _runs = runs;
        _steps = steps;
    }

    protected override CostAttribution Attribute(TrainingRequest input) => CostUnits.RunStep(input.RunId, CostStages.Ingest, "ingest");

    protected override async Task<IngestOutcome> ExecuteAsync(TaskActivityContext context, TrainingRequest input)
    {
        IngestOutcome outcome = await _steps.RecordAsync(
            input.RunId, 1, "ingest",
            progress => IngestWithinBudgetAsync(input, progress),
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

    /// <summary>Refuses the run before reading any data when the model's monthly budget is spent (and enforced), forced or not.</summary>
    private async Task<IngestOutcome> IngestWithinBudgetAsync(TrainingRequest input, IProgress<StepProgress> progress)
    {
        if ((await _specs.GetLatestAsync(input.Model).ConfigureAwait(false))?.Spec.Budget is { } budget)
        {
            MonthlyBudgetStatus month = await _budgets.CheckMonthlyAsync(input.Model, budget).ConfigureAwait(false);
            if (month.Refuses)
            {
                return IngestOutcome.Rejected($"{month.Describe()}: new training runs are refused until the month ends (or set budget.enforce to false)")
                    with { BudgetRefused = true };
            }
        }

        return await _ingestor.IngestAsync(input.Model, input.DatasetBlob, input.Force, progress, CancellationToken.None).ConfigureAwait(false);
    }
}
