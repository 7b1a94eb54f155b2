using MlOps.Core.Cost;

namespace MlOps.Pipeline.Cost;

/// <summary>
/// The executions of a run's (or monitor run's) orchestrator. Every replay is an execution: one when it starts and
/// one for each activity result it awaited. The replays are not observable from inside the orchestrator (that would
/// break determinism) and in Azure the Durable Functions extension owns the task hub, so they are counted from the
/// owner's activity rows in the ledger when its last activity runs.
/// </summary>
public sealed class OrchestrationCost
{
    private readonly CostLedger _ledger;
    private readonly CostMeter _cost;

    public OrchestrationCost(CostLedger ledger, CostMeter cost)
    {
        _ledger = ledger;
        _cost = cost;
    }

    /// <param name="owner">The orchestration's unit (its ledger key names the owner: the run or monitor id).</param>
    /// <param name="ownerId">The run or monitor id its activity rows are keyed under.</param>
    /// <param name="finalUnit">The activity running now, whose own row is written after it returns.</param>
    public async Task RecordAsync(CostAttribution owner, string ownerId, CostAttribution finalUnit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(finalUnit);
        if (!_cost.Enabled)
        {
            return;
        }

        IReadOnlyList<CostLedgerEntry> rows = await _ledger.ForOwnerAsync(owner.Model, ownerId, cancellationToken).ConfigureAwait(false);
        int activities = rows.Count(r => r.Kind != CostKind.Orchestration && r.Id != finalUnit.Id) + 1;
        double replays = _cost.Prices.Billing.ReplayIsExecution ? activities + 1 : 0;
        await _cost.RecordAsync(owner, new ResourceUsage { Executions = replays }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
