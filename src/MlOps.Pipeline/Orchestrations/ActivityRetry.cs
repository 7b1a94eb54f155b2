using Microsoft.DurableTask;

namespace MlOps.Pipeline.Orchestrations;

/// <summary>
/// The retry every orchestrator uses for its activities. Activities report bad data and failed checks as outcomes,
/// not exceptions, so what reaches the retry is transient (storage throttling, a host restart mid-activity).
/// </summary>
public static class ActivityRetry
{
    public static TaskOptions Transient { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));
}
