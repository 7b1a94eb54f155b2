using Microsoft.Extensions.Logging;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

public sealed class WorkItemLockRenewalTests
{
    [Fact]
    public async Task Hold_RenewalLandsPastTheVisibilityTimeout_WarnsThatAnotherHostMayHaveTakenIt()
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        await using var locks = new WorkItemLockRenewal(TimeSpan.FromMilliseconds(300), factory.CreateLogger<WorkItemLockRenewal>());
        int renewals = 0;

        // A renewal that takes longer than the whole timeout: the message was visible before it landed, however fast the machine.
        locks.Hold("activity:slow", async () =>
        {
            Interlocked.Increment(ref renewals);
            await Task.Delay(TimeSpan.FromSeconds(1));
        });
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref renewals) >= 2), "a second renewal", TimeSpan.FromSeconds(30));
        await locks.ReleaseAsync("activity:slow");

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("activity:slow", StringComparison.Ordinal)
            && e.Message.Contains("past its visibility timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hold_RenewalCanceledByItsOwnTimeout_KeepsRenewingUntilReleased()
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        await using var locks = new WorkItemLockRenewal(TimeSpan.FromMilliseconds(300), factory.CreateLogger<WorkItemLockRenewal>());
        int renewals = 0;

        // A storage request that timed out surfaces as a cancellation nobody asked for; it must not end the renewals.
        locks.Hold("activity:flaky", () => Interlocked.Increment(ref renewals) == 1 ? Task.FromCanceled(new CancellationToken(canceled: true)) : Task.CompletedTask);
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref renewals) >= 3), "renewals after the failed one", TimeSpan.FromSeconds(30));
        await locks.ReleaseAsync("activity:flaky");
        int released = Volatile.Read(ref renewals);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(released, Volatile.Read(ref renewals));
        Assert.Equal(0, locks.Held);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Could not extend the lock of durable work item activity:flaky", StringComparison.Ordinal));
    }
}
