using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>The fan-in's bookkeeping: marks the chosen candidate and closes the train step with the verdict.</summary>
public sealed class CompleteTrainingActivity : MeteredActivity<TrainingSummary, bool>
{
    private readonly CandidateStore _candidates;
    private readonly RunStore _runs;
    private readonly StepRecorder _steps;
    private readonly TimeProvider _clock;

    public CompleteTrainingActivity(CandidateStore candidates, RunStore runs, StepRecorder steps, TimeProvider clock, CostMeter cost)
        : base(cost)
    {
        _clock = clock;
        _candidates = candidates;
        _runs = runs;
        _steps = steps;
    }

    protected override CostAttribution Attribute(TrainingSummary input) => CostUnits.RunStep(input.RunId, CostStages.Train, "complete");

    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, TrainingSummary input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Candidates that could not record themselves: crashed activities, and those a budget never let start.
        foreach ((CandidateOutcome outcome, string status) in input.Crashed.Select(c => (c, "failed")).Concat(input.NotStarted.Select(c => (c, "skipped"))))
        {
            await _candidates.SaveAsync(new CandidateRecord
            {
                RunId = input.RunId, Index = outcome.Index, Candidate = outcome.Result.Candidate, Status = status, Error = outcome.Result.Error,
                StartedAt = _clock.GetUtcNow(), EndedAt = _clock.GetUtcNow(),
            }).ConfigureAwait(false);
        }

        if (input.BestIndex is int best)
        {
            await _candidates.MarkSelectedAsync(input.RunId, best, input.BestId!).ConfigureAwait(false);
        }

        RunStepRecord? train = (await _runs.GetStepsAsync(input.RunId).ConfigureAwait(false)).FirstOrDefault(s => s.Name == "train");
        await _steps.EndAsync(input.RunId, 2, "train", train?.StartedAt ?? _clock.GetUtcNow(), input.BestIndex is null ? RunStatus.Failed : RunStatus.Succeeded,
            input.Detail, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
