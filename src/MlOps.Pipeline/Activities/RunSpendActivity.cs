using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// Reads what a run has spent so far and what its finished candidates cost each, from the ledger, so the orchestrator
/// can decide (deterministically, from this recorded result) whether the next wave of candidates fits budget.perRun.
/// </summary>
public sealed class RunSpendActivity : MeteredActivity<RunSpendInput, RunSpend>
{
    private readonly CostLedger _ledger;
    private readonly CostMeter _cost;

    public RunSpendActivity(CostLedger ledger, CostMeter cost)
        : base(cost)
    {
        _ledger = ledger;
        _cost = cost;
    }

    protected override CostAttribution Attribute(RunSpendInput input) =>
        CostUnits.RunStep(input.RunId, CostStages.Train, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"budget-{input.Wave}"));

    protected override async Task<RunSpend> ExecuteAsync(TaskActivityContext context, RunSpendInput input)
    {
        IReadOnlyList<CostLedgerEntry> rows = await _ledger.ForOwnerAsync(RunIds.ModelOf(input.RunId), input.RunId).ConfigureAwait(false);
        var finished = rows.Where(r => r.Kind == CostKind.Candidate && r.CandidateIndex is int i && input.FinishedCandidates.Contains(i)).ToList();
        return new RunSpend
        {
            Spent = rows.Sum(r => r.Cost.Total),
            MeanCandidateCost = finished.Count == 0 ? 0 : finished.Average(r => r.Cost.Total),
            CandidatesMeasured = finished.Count,
            Currency = _cost.Prices.Currency,
        };
    }
}
