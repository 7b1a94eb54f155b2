using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

public sealed class StratifiedFoldsTests
{
    private static readonly string[] Labels = [.. Enumerable.Range(0, 100).Select(i => i % 4 == 0 ? "rare" : "common")];

    [Fact]
    public void Assign_Stratified_EveryFoldKeepsTheClassMix()
    {
        int[] folds = StratifiedFolds.Assign(Labels, 5, seed: 1, stratify: true);

        for (int fold = 0; fold < 5; fold++)
        {
            int[] members = [.. Enumerable.Range(0, Labels.Length).Where(i => folds[i] == fold)];
            Assert.Equal(20, members.Length);
            Assert.Equal(5, members.Count(i => Labels[i] == "rare"));
        }
    }

    [Fact]
    public void Assign_SameSeed_SameFoldsAndOtherSeedOtherFolds()
    {
        Assert.Equal(StratifiedFolds.Assign(Labels, 5, 1, true), StratifiedFolds.Assign(Labels, 5, 1, true));
        Assert.NotEqual(StratifiedFolds.Assign(Labels, 5, 1, true), StratifiedFolds.Assign(Labels, 5, 2, true));
    }

    [Fact]
    public void Assign_FewerRowsThanFolds_Throws() =>
        Assert.Throws<ArgumentException>(() => StratifiedFolds.Assign(["a", "b"], 3, 0, false));
}
