using Microsoft.DurableTask;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>The fan-in's bookkeeping: marks the chosen candidate and closes the train step with the verdict.</summary>
public sealed class CompleteTrainingActivity : TaskActivity<TrainingSummary, bool>
{
    private readonly CandidateStore _candidates;
    private readonly RunStore _runs;
    private readonly StepRecorder _steps;
    private readonly TimeProvider _clock;

    public CompleteTrainingActivity(CandidateStore candidates, RunStore runs, StepRecorder steps, TimeProvider clock)
    {
        _clock = clock;
        _candidates = candidates;
        _runs = runs;
        _steps = steps;
    }

    public override async Task<bool> RunAsync(TaskActivityContext context, TrainingSummary input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (CandidateOutcome crashed in input.Crashed)
        {
            await _candidates.SaveAsync(new CandidateRecord
            {
                RunId = input.RunId, Index = crashed.Index, Candidate = crashed.Result.Candidate, Status = "failed", Error = crashed.Result.Error,
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
