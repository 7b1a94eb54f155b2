using MlOps.Core.Data.Validation;

namespace MlOps.Core.Tests.Data.Validation;

public sealed class DuplicateRowCounterTests
{
    [Fact]
    public void Duplicates_RepeatedHashes_CountsEveryRepeatAfterTheFirst()
    {
        var counter = new DuplicateRowCounter(expectedRows: 0);
        foreach (ulong hash in new ulong[] { 7, 3, 7, 9, 7, 3, 1 })
        {
            counter.Add(hash);
        }

        Assert.Equal(3, counter.Duplicates());
    }

    [Fact]
    public void Duplicates_MoreRowsThanExpected_GrowsAndMatchesAHashSet()
    {
        var counter = new DuplicateRowCounter(expectedRows: 4);
        var random = new Random(11);
        var seen = new HashSet<ulong>();
        long repeats = 0;
        for (int i = 0; i < 10_000; i++)
        {
            ulong hash = (ulong)random.Next(5_000);
            counter.Add(hash);
            repeats += seen.Add(hash) ? 0 : 1;
        }

        Assert.Equal(10_000, counter.Count);
        Assert.Equal(repeats, counter.Duplicates());
    }

    [Fact]
    public void Duplicates_AddAfterCounting_CountsAgain()
    {
        var counter = new DuplicateRowCounter(expectedRows: 2);
        counter.Add(5);
        counter.Add(6);
        Assert.Equal(0, counter.Duplicates());

        counter.Add(5);

        Assert.Equal(1, counter.Duplicates());
    }
}
