using System.Reflection;
using Microsoft.ML;

namespace MlOps.Core.Training;

/// <summary>
/// Stops a training when its time budget runs out. ML.NET's trainers check their context for cancellation as they go
/// (between iterations, trees and passes over the data) and then throw <see cref="OperationCanceledException"/>, but
/// the switch, <c>MLContext.CancelExecution</c>, is internal (ML.NET's AutoML reaches it as a friend assembly). It is
/// called here through reflection; a test holds every trainer of the catalog to stopping by it, so an ML.NET that
/// drops it fails that test rather than silently training past its budget.
/// </summary>
internal sealed class TrainingBudget : IDisposable
{
    private static readonly MethodInfo? CancelExecution =
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes);

    // System.Threading.Timer's longest due time; a longer budget is no budget in practice.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly MLContext _ml;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Timer? _timer;
    private int _expired;

    /// <param name="ml">The context the training runs in; cancelling it stops everything running in it.</param>
    /// <param name="budget">How long the training may take from now; null for no limit.</param>
    public TrainingBudget(MLContext ml, TimeSpan? budget)
    {
        _ml = ml;
        Budget = budget;
        if (budget is not { } limit || limit >= LongestTimer)
        {
            return;
        }

        if (limit <= TimeSpan.Zero)
        {
            Expire(); // already spent: nothing may start
        }
        else
        {
            _timer = new Timer(_ => Expire(), null, limit, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Whether cancellation can stop a training here (false if an ML.NET version no longer has the switch).</summary>
    public static bool CanStop => CancelExecution is not null;

    public TimeSpan? Budget { get; }

    /// <summary>The budget ran out and the context was told to stop.</summary>
    public bool Expired => Volatile.Read(ref _expired) == 1;

    /// <summary>Cancelled when the budget runs out, for training that does not run in the context (native LightGBM).</summary>
    public CancellationToken Token => _cancellation.Token;

    public void Dispose()
    {
        _timer?.Dispose();
        _cancellation.Dispose();
    }

    private void Expire()
    {
        if (Interlocked.Exchange(ref _expired, 1) == 0)
        {
            CancelExecution?.Invoke(_ml, null);
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The timer fired as the training ended and disposed the budget: nothing is left to stop.
            }
        }
    }
}
