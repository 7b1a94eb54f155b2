using System.Diagnostics;
using Azure;

namespace MlOps.Core.Health;

/// <summary>
/// One dependency's answer to a readiness probe: whether it answered in time, how long it took, and if not, why, in
/// words that name no account, host or key.
/// </summary>
/// <param name="Name">The dependency: blob, queue, table, durable.</param>
/// <param name="Ready">It answered within the timeout.</param>
/// <param name="DurationMs">How long the probe took.</param>
/// <param name="Problem">Why it is not ready; null when it is.</param>
public sealed record DependencyCheck(string Name, bool Ready, double DurationMs, string? Problem)
{
    /// <summary>Runs one probe, giving up after <paramref name="timeout"/> even when the probe itself would not.</summary>
    public static async Task<DependencyCheck> RunAsync(string name, Func<CancellationToken, Task> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        long started = Stopwatch.GetTimestamp();
        string? problem;
        try
        {
            await probe(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
            problem = null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = $"no answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (RequestFailedException ex) when (ex.Status != 0)
        {
            problem = $"answered {ex.Status} {ex.ErrorCode}".TrimEnd();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Connection refused and the like (the storage clients wrap their retries' failures in an AggregateException).
            problem = "unreachable";
        }

        return new DependencyCheck(name, problem is null, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), problem);
    }
}
