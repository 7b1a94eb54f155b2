using Microsoft.DurableTask;

namespace MlOps.Pipeline.Tests.Cost;

/// <summary>
/// Runs the real activity, then fails its first execution after the work is done (and measured), as a worker that
/// dies before reporting back would: Durable runs it again.
/// </summary>
internal sealed class CrashAfterWorkActivity<TInput, TOutput> : TaskActivity<TInput, TOutput>
{
    private readonly TaskActivity<TInput, TOutput> _real;
    private int _executions;

    public CrashAfterWorkActivity(TaskActivity<TInput, TOutput> real) => _real = real;

    public int Executions => _executions;

    public override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        TOutput output = await _real.RunAsync(context, input);
        return Interlocked.Increment(ref _executions) == 1 ? throw new InvalidOperationException("simulated crash after the work was done") : output;
    }
}
