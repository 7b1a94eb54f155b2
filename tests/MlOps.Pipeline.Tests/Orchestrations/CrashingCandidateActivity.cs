using Microsoft.DurableTask;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Tests.Orchestrations;

/// <summary>The real candidate activity, except that candidates matching a predicate crash (as a worker that runs out of memory would).</summary>
internal sealed class CrashingCandidateActivity : TaskActivity<CandidateInput, CandidateOutcome>
{
    private readonly TrainCandidateActivity _real;
    private readonly Func<CandidateInput, bool> _crashes;

    public CrashingCandidateActivity(TrainCandidateActivity real, Func<CandidateInput, bool> crashes)
    {
        _real = real;
        _crashes = crashes;
    }

    public override Task<CandidateOutcome> RunAsync(TaskActivityContext context, CandidateInput input) =>
        _crashes(input) ? throw new InvalidOperationException($"simulated crash of candidate {input.Candidate}") : _real.RunAsync(context, input);
}
