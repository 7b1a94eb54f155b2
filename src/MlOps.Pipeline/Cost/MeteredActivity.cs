using Microsoft.DurableTask;
using MlOps.Core.Cost;

namespace MlOps.Pipeline.Cost;

/// <summary>
/// An activity whose every execution is measured (time, CPU, memory, storage requests) and written to the cost ledger
/// under the unit <see cref="Attribute"/> names: keyed by run and step (or candidate, or monitor), so an activity that
/// Durable runs again after a crash replaces its row rather than adding one. Both hosts call <see cref="RunAsync"/>.
/// </summary>
public abstract class MeteredActivity<TInput, TOutput> : TaskActivity<TInput, TOutput>
{
    private readonly CostMeter _cost;

    protected MeteredActivity(CostMeter cost) => _cost = cost;

    public sealed override Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _cost.MeasureAsync(Attribute(input), () => ExecuteAsync(context, input));
    }

    /// <summary>The unit of work this execution is, and the ledger key it is recorded under.</summary>
    protected abstract CostAttribution Attribute(TInput input);

    protected abstract Task<TOutput> ExecuteAsync(TaskActivityContext context, TInput input);
}
