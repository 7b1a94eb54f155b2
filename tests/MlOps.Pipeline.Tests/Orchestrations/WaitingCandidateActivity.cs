using Microsoft.DurableTask;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Tests.Orchestrations;

/// <summary>The real candidate activity, except that candidates matching a predicate first wait for something the test awaits.</summary>
internal sealed class WaitingCandidateActivity : TaskActivity<CandidateInput, CandidateOutcome>
{
    private readonly TrainCandidateActivity _real;
    private readonly Func<CandidateInput, bool> _waits;
    private readonly Func<CandidateInput, Task> _until;

    public WaitingCandidateActivity(TrainCandidateActivity real, Func<CandidateInput, bool> waits, Func<CandidateInput, Task> until)
    {
        _real = real;
        _waits = waits;
        _until = until;
    }

    public override async Task<CandidateOutcome> RunAsync(TaskActivityContext context, CandidateInput input)
    {
        if (_waits(input))
        {
            await _until(input);
        }

        return await _real.RunAsync(context, input);
    }
}
