using System.Collections.Concurrent;
using MlOps.Core.Serving;

namespace MlOps.Core.Tests.Serving;

public sealed class RequestIdsTests
{
    [Fact]
    public void New_ManyOnSeveralThreads_EachThirtyTwoLowercaseHexDigitsAndUnique()
    {
        var ids = new ConcurrentBag<string>();

        // 1,000 per thread: each thread draws several 4 KB batches of random bits.
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                ids.Add(RequestIds.New());
            }
        });

        Assert.Equal(8_000, ids.Count);
        Assert.Equal(8_000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    [Fact]
    public void New_ManyIds_EveryHexDigitAboutEquallyOften()
    {
        // 128 random bits each: 32,000 digits, so each of the 16 should appear about 2,000 times.
        var counts = new int[16];
        for (int i = 0; i < 1_000; i++)
        {
            foreach (char digit in RequestIds.New())
            {
                counts[Convert.ToInt32(digit.ToString(), 16)]++;
            }
        }

        Assert.All(counts, count => Assert.InRange(count, 1_700, 2_300));
    }
}
