using MlOps.Core.Data;

namespace MlOps.Core.Tests.Data;

/// <summary>A pass run beside the one it would follow must end as if it had run after it.</summary>
public sealed class OverlappedPassTests
{
    [Fact]
    public async Task AwaitLeadingAsync_LeadingFails_FollowingStoppedBeforeTheLeadingFailureSurfaces()
    {
        using var stop = new CancellationTokenSource();
        var leading = new TaskCompletionSource<int>();
        Task following = Task.Run(() => Task.Delay(Timeout.Infinite, stop.Token));

        Task<int> awaited = OverlappedPass.AwaitLeadingAsync(leading.Task, following, stop);
        leading.SetException(new InvalidDataException("profile failed"));

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => awaited);
        Assert.Equal("profile failed", error.Message);
        Assert.True(stop.IsCancellationRequested);
        Assert.True(following.IsCompleted);
    }

    [Fact]
    public async Task AwaitLeadingAsync_BothFail_LeadingFailureReported()
    {
        using var stop = new CancellationTokenSource();
        Task following = Task.FromException(new IOException("split failed"));

        Task<int> awaited = OverlappedPass.AwaitLeadingAsync(Task.FromException<int>(new InvalidDataException("profile failed")), following, stop);

        await Assert.ThrowsAsync<InvalidDataException>(() => awaited);
    }

    [Fact]
    public async Task AwaitLeadingAsync_LeadingSucceeds_ResultReturnedAndFollowingLeftRunning()
    {
        using var stop = new CancellationTokenSource();
        var following = new TaskCompletionSource();

        int result = await OverlappedPass.AwaitLeadingAsync(Task.FromResult(7), following.Task, stop);

        Assert.Equal(7, result);
        Assert.False(stop.IsCancellationRequested);
        Assert.False(following.Task.IsCompleted);
    }

    [Fact]
    public async Task AwaitLeadingAsync_LeadingCancelled_FollowingStoppedAndCancellationReported()
    {
        using var stop = new CancellationTokenSource();
        using var caller = new CancellationTokenSource();
        Task following = Task.Run(() => Task.Delay(Timeout.Infinite, stop.Token));
        Task<int> leading = Task.Run(async () =>
        {
            await Task.Delay(Timeout.Infinite, caller.Token);
            return 0;
        });

        Task<int> awaited = OverlappedPass.AwaitLeadingAsync(leading, following, stop);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => awaited);
        Assert.True(following.IsCompleted);
    }
}
