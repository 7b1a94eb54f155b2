using MlOps.Core.Data;
using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Data;

public sealed class DatasetSplitterTests
{
    private static int[] Labels(int negatives, int positives) =>
        Enumerable.Repeat(0, negatives).Concat(Enumerable.Repeat(1, positives)).OrderBy(x => (x * 7919) % 13).ToArray();

    [Fact]
    public void Assign_SameSeed_SameSplit()
    {
        int[] labels = Labels(300, 100);
        Assert.Equal(DatasetSplitter.Assign(labels, new SplitSpec { Seed = 5 }), DatasetSplitter.Assign(labels, new SplitSpec { Seed = 5 }));
    }

    [Fact]
    public void Assign_SparseGroupIds_SameSplitAsTheSameGroupsNumberedInOrder()
    {
        int[] dense = [.. Labels(300, 100).Select((label, i) => i % 17 == 0 ? -1 : label + (i % 3 == 0 ? 2 : 0))];
        int[] sparse = [.. dense.Select(group => group < 0 ? -1 : 70_000 + (group * 1_000_000))];

        Assert.Equal(DatasetSplitter.Assign(dense, new SplitSpec { Seed = 9 }), DatasetSplitter.Assign(sparse, new SplitSpec { Seed = 9 }));
        Assert.Equal(400 / 17 + 1, DatasetSplitter.Assign(sparse, new SplitSpec { Seed = 9 }).Count(s => s == DatasetSplitter.Excluded));
    }

    [Fact]
    public void Assign_OtherSeed_OtherSplit()
    {
        int[] labels = Labels(300, 100);
        Assert.NotEqual(DatasetSplitter.Assign(labels, new SplitSpec { Seed = 5 }), DatasetSplitter.Assign(labels, new SplitSpec { Seed = 6 }));
    }

    [Fact]
    public void Assign_Stratified_KeepsClassProportionsInEverySplit()
    {
        int[] labels = Labels(800, 200);
        byte[] split = DatasetSplitter.Assign(labels, new SplitSpec { Test = 0.2, Validation = 0.1 });

        foreach (byte part in new[] { DatasetSplitter.Train, DatasetSplitter.Validation, DatasetSplitter.Test })
        {
            int[] members = Enumerable.Range(0, labels.Length).Where(i => split[i] == part).ToArray();
            double positiveShare = members.Count(i => labels[i] == 1) / (double)members.Length;
            Assert.InRange(positiveShare, 0.195, 0.205);
        }

        Assert.Equal(200, split.Count(s => s == DatasetSplitter.Test));
        Assert.Equal(100, split.Count(s => s == DatasetSplitter.Validation));
    }

    [Fact]
    public void Assign_MissingLabel_Excluded()
    {
        byte[] split = DatasetSplitter.Assign(new[] { 0, -1, 1, 0, -1 }, new SplitSpec());
        Assert.Equal(DatasetSplitter.Excluded, split[1]);
        Assert.Equal(DatasetSplitter.Excluded, split[4]);
        Assert.DoesNotContain(split.Where((_, i) => i is 0 or 2 or 3), s => s == DatasetSplitter.Excluded);
    }
}
