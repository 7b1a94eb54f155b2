using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Evaluation;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Turns the spec's search space into the list of candidates the orchestrator fans out, and opens the train step.</summary>
public sealed class PlanCandidatesActivity : MeteredActivity<StageInput, CandidatePlan>
{
    private readonly SpecStore _specs;
    private readonly StepRecorder _steps;
    private readonly TimeProvider _clock;

    public PlanCandidatesActivity(SpecStore specs, StepRecorder steps, TimeProvider clock, CostMeter cost)
        : base(cost)
    {
        _specs = specs;
        _steps = steps;
        _clock = clock;
    }

    protected override CostAttribution Attribute(StageInput input) => CostUnits.RunStep(input.RunId, CostStages.Train, "plan");

    protected override async Task<CandidatePlan> ExecuteAsync(TaskActivityContext context, StageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        PipelineSpec spec = (await _specs.GetAsync(input.Model, input.SpecVersion).ConfigureAwait(false))?.Spec
            ?? throw new InvalidOperationException($"Spec version {input.SpecVersion} of '{input.Model}' is missing.");
        await _steps.StartAsync(input.RunId, 2, "train", _clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        string selection = ChampionChallengerGate.PrimaryMetricFor(spec);
        return new CandidatePlan
        {
            Candidates = [.. SearchSpace.Enumerate(spec.Training, spec.Task)],
            PrimaryMetric = selection,
            TieBreakMetric = MetricNames.TieBreakerFor(spec.Task, selection),
            MaxWallTime = spec.Training.MaxWallTime,
            MaxParallel = spec.Training.MaxParallel,
            PerRunBudget = spec.Budget.PerRun,
            BudgetCurrency = spec.Budget.Currency,
        };
    }
}
