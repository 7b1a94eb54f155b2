using System.Collections.Concurrent;
using System.Diagnostics;

namespace MlOps.Host.Runtime;

/// <summary>
/// Keeps the queue messages of work items that are still running invisible to other hosts. The Azure Storage
/// provider extends a message's visibility when asked (RenewTask…LockAsync), and DTFx's own dispatchers ask, but the
/// gRPC sidecar's dispatchers never do: without this, a message's visibility timeout has to outlast the longest
/// activity (training), and then a crashed host's work waits that long too. With it, the timeout only has to cover
/// the renewal interval, so interrupted work is taken up again soon after a crash while running work never is.
/// </summary>
internal sealed class WorkItemLockRenewal : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Renewal> _held = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    private readonly TimeSpan _visibilityTimeout;

    /// <param name="visibilityTimeout">The provider's message visibility timeout; renewals come three times within it.</param>
    public WorkItemLockRenewal(TimeSpan visibilityTimeout, ILogger logger)
    {
        _visibilityTimeout = visibilityTimeout;
        Interval = visibilityTimeout / 3;
        _logger = logger;
    }

    public TimeSpan Interval { get; }

    /// <summary>Work items being renewed now.</summary>
    public int Held => _held.Count;

    /// <summary>Renews the work item's messages every <see cref="Interval"/> until <see cref="ReleaseAsync"/>.</summary>
    public void Hold(string workItem, Func<Task> renew)
    {
        var renewal = new Renewal();
        renewal.Loop = RenewUntilReleasedAsync(workItem, renew, renewal.Stop.Token);
        if (!_held.TryAdd(workItem, renewal))
        {
            renewal.Stop.Cancel();
        }
    }

    /// <summary>
    /// Stops renewing, after waiting for a renewal in flight: a renewal changes the message's pop receipt, so the
    /// provider's complete or abandon that follows must not race one.
    /// </summary>
    public async Task ReleaseAsync(string workItem)
    {
        if (_held.TryRemove(workItem, out Renewal? renewal))
        {
            await renewal.Stop.CancelAsync().ConfigureAwait(false);
            await renewal.Loop.ConfigureAwait(false);
            renewal.Stop.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (string workItem in _held.Keys)
        {
            await ReleaseAsync(workItem).ConfigureAwait(false);
        }
    }

    private async Task RenewUntilReleasedAsync(string workItem, Func<Task> renew, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        long lockedAt = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await renew().ConfigureAwait(false);
                    // The message was visible again if a renewal landed more than the timeout after the last one: say
                    // so, as the cause of the redelivery that may follow (a process starved of CPU or threads).
                    TimeSpan since = Stopwatch.GetElapsedTime(lockedAt);
                    if (since > _visibilityTimeout)
                    {
                        _logger.LogWarning(
                            "The lock of durable work item {WorkItem} was extended {Since} after the last time, past its visibility timeout {Timeout}: another host may have taken it meanwhile",
                            workItem, since, _visibilityTimeout);
                    }

                    lockedAt = Stopwatch.GetTimestamp();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // A storage hiccup (a timed-out request included): the message stays locked for the rest of its
                    // timeout, and the next tick tries again; only a release ends the loop.
                    _logger.LogWarning(ex, "Could not extend the lock of durable work item {WorkItem}; trying again in {Interval}", workItem, Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Released.
        }
    }

    private sealed class Renewal
    {
        public CancellationTokenSource Stop { get; } = new();

        public Task Loop { get; set; } = Task.CompletedTask;
    }
}
