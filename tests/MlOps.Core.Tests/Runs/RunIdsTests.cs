using MlOps.Core.Runs;

namespace MlOps.Core.Tests.Runs;

public sealed class RunIdsTests
{
    [Theory]
    [InlineData("bc.0123456789abcdef", "bc.0123456789abcdef")]
    [InlineData("Pima_Diabetes.0123456789ABCDEF", "pima_diabetes.0123456789abcdef")]
    [InlineData("bc.123", null)]
    [InlineData("bc", null)]
    [InlineData("b c.0123456789abcdef", null)]
    public void TryNormalize_RunId_FollowsTheRule(string runId, string? stored)
    {
        Assert.Equal(stored is not null, RunIds.TryNormalize(runId, out string? normalized));
        Assert.Equal(stored, normalized);
    }

    [Fact]
    public void ForcedAfter_SameRun_SameIdAndDifferentFromIt()
    {
        string first = RunIds.ForBlobVersion("bc", "datasets", "bc/a.csv", "md5:00");
        Assert.Equal(RunIds.ForcedAfter(first), RunIds.ForcedAfter(first));
        Assert.NotEqual(first, RunIds.ForcedAfter(first));
        Assert.True(RunIds.TryNormalize(RunIds.ForcedAfter(first), out _));
        Assert.StartsWith("bc.", RunIds.ForcedAfter(first), StringComparison.Ordinal);
    }
}
