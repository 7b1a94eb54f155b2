using Microsoft.DurableTask;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>Promotes a version after its run was approved.</summary>
public sealed class PromoteActivity : TaskActivity<PromoteInput, DeployResult>
{
    private readonly ProductionPromoter _promoter;
    private readonly StepRecorder _steps;

    public PromoteActivity(ProductionPromoter promoter, StepRecorder steps)
    {
        _promoter = promoter;
        _steps = steps;
    }

    public override Task<DeployResult> RunAsync(TaskActivityContext context, PromoteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _steps.RecordAsync(input.RunId, 5, "promote", () => _promoter.PromoteAsync(input),
            r => (r.Promoted ? RunStatus.Succeeded : RunStatus.NotPromoted, r.Reason), CancellationToken.None);
    }
}
