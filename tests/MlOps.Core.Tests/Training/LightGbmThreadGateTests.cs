using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

/// <summary>
/// LightGBM trainings share one process-wide thread count: other trainings of this test process go through the same
/// gate, so each test holds it only briefly and checks the order of admissions, not timings.
/// </summary>
public sealed class LightGbmThreadGateTests
{
    [Fact]
    public async Task Enter_OtherThreadCountWhileOneRuns_WaitsUntilItEnds()
    {
        Task<IDisposable> other;
        using (LightGbmThreadGate.Enter(3))
        {
            other = Task.Run(() => LightGbmThreadGate.Enter(5));

            // Admitted only after this one leaves: still waiting after a moment, whatever the machine's speed.
            await Task.Delay(200);
            Assert.False(other.IsCompleted);
            Assert.Equal(3, LightGbmThreadGate.State.Threads);
        }

        using IDisposable admitted = await other.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(5, LightGbmThreadGate.State.Threads);
    }

    [Fact]
    public async Task Enter_SameThreadCountWhileOneRuns_RunsAtOnce()
    {
        using IDisposable first = LightGbmThreadGate.Enter(7);
        using IDisposable second = await Task.Run(() => LightGbmThreadGate.Enter(7)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(LightGbmThreadGate.State.Running >= 2);
    }
}
