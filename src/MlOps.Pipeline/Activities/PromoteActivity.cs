using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Promotes a version after its run was approved.</summary>
public sealed class PromoteActivity : MeteredActivity<PromoteInput, DeployResult>
{
    private readonly ProductionPromoter _promoter;
    private readonly StepRecorder _steps;

    public PromoteActivity(ProductionPromoter promoter, StepRecorder steps, CostMeter cost)
        : base(cost)
    {
        _promoter = promoter;
        _steps = steps;
    }

    protected override CostAttribution Attribute(PromoteInput input) => CostUnits.RunStep(input.RunId, CostStages.Promote, "promote");

    protected override Task<DeployResult> ExecuteAsync(TaskActivityContext context, PromoteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _steps.RecordAsync(input.RunId, 5, "promote", () => _promoter.PromoteAsync(input),
            r => (r.Promoted ? RunStatus.Succeeded : RunStatus.NotPromoted, r.Reason), CancellationToken.None);
    }
}
