using MlOps.Core;

namespace MlOps.Core.Tests;

public sealed class StableSeedTests
{
    [Theory]
    [InlineData(42, 0, 1086936620)]
    [InlineData(42, 1, -1969661527)]
    [InlineData(7, 3, -173313216)]
    public void Combine_SameInputs_SameSeedInEveryProcess(int seed, int index, int expected) =>
        Assert.Equal(expected, StableSeed.Combine(seed, index)); // literals: a per-process randomised hash would not match them

    [Fact]
    public void Combine_NeighbouringIndexesAndSeeds_DistinctSeeds()
    {
        var seeds = new HashSet<int>();
        for (int seed = 0; seed < 50; seed++)
        {
            for (int index = 0; index < 200; index++)
            {
                seeds.Add(StableSeed.Combine(seed, index));
            }
        }

        Assert.Equal(50 * 200, seeds.Count);
    }
}
