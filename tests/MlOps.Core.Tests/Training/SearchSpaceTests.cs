using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

public sealed class SearchSpaceTests
{
    private static TrainingSpec Grid(int maxCandidates = 100, int seed = 42) => new()
    {
        MaxCandidates = maxCandidates,
        Seed = seed,
        Trainers =
        [
            new TrainerSpec
            {
                Name = "LightGbm",
                Parameters = new Dictionary<string, double> { ["numberOfIterations"] = 50 },
                Search = new Dictionary<string, List<double>> { ["numberOfLeaves"] = [15, 31, 63], ["learningRate"] = [0.05, 0.1] },
            },
            new TrainerSpec { Name = "FastTree" },
        ],
    };

    [Fact]
    public void Enumerate_TrainersAndGrid_CartesianProductInOrder()
    {
        IReadOnlyList<CandidateSpec> candidates = SearchSpace.Enumerate(Grid(), ModelTask.Binary);

        Assert.Equal(7, candidates.Count);
        Assert.Equal(
            [
                "LightGbm(learningRate=0.05, numberOfIterations=50, numberOfLeaves=15)",
                "LightGbm(learningRate=0.05, numberOfIterations=50, numberOfLeaves=31)",
                "LightGbm(learningRate=0.05, numberOfIterations=50, numberOfLeaves=63)",
                "LightGbm(learningRate=0.1, numberOfIterations=50, numberOfLeaves=15)",
                "LightGbm(learningRate=0.1, numberOfIterations=50, numberOfLeaves=31)",
                "LightGbm(learningRate=0.1, numberOfIterations=50, numberOfLeaves=63)",
                "FastTree()",
            ],
            candidates.Select(c => c.ToString()));
    }

    [Fact]
    public void Enumerate_MoreThanMaxCandidates_SeededSubsetInEnumerationOrder()
    {
        IReadOnlyList<CandidateSpec> all = SearchSpace.Enumerate(Grid(), ModelTask.Binary);
        IReadOnlyList<CandidateSpec> cut = SearchSpace.Enumerate(Grid(maxCandidates: 3), ModelTask.Binary);

        Assert.Equal(3, cut.Count);
        Assert.Equal(cut, SearchSpace.Enumerate(Grid(maxCandidates: 3), ModelTask.Binary));
        int[] positions = [.. cut.Select(c => all.ToList().IndexOf(c))];
        Assert.Equal(positions.Order(), positions);
        Assert.NotEqual(cut, SearchSpace.Enumerate(Grid(maxCandidates: 3, seed: 7), ModelTask.Binary));
    }

    [Fact]
    public void Enumerate_SamePointTwice_ListedOnce()
    {
        var training = new TrainingSpec
        {
            Trainers = [new TrainerSpec { Name = "FastTree" }, new TrainerSpec { Name = "FastTree" }],
        };

        Assert.Single(SearchSpace.Enumerate(training, ModelTask.Regression));
    }

    [Theory]
    [InlineData(ModelTask.Binary)]
    [InlineData(ModelTask.Multiclass)]
    [InlineData(ModelTask.Regression)]
    public void Enumerate_NoTrainers_TaskDefaultsStartingWithGradientBoostingAndALinearModel(ModelTask task)
    {
        IReadOnlyList<CandidateSpec> candidates = SearchSpace.Enumerate(new TrainingSpec(), task);

        Assert.Equal("LightGbm", candidates[0].Trainer);
        Assert.Contains(candidates, c => c.Trainer is "LbfgsLogisticRegression" or "LbfgsMaximumEntropy" or "Sdca");
        Assert.All(candidates, c => Assert.Contains(c.Trainer, SearchSpace.KnownTrainers(task)));
        Assert.Single(SearchSpace.Enumerate(new TrainingSpec { MaxCandidates = 1 }, task));
    }

    [Fact]
    public void Enumerate_UnknownTrainer_ArgumentExceptionNamingIt()
    {
        var training = new TrainingSpec { Trainers = [new TrainerSpec { Name = "XgBoost" }] };

        ArgumentException error = Assert.Throws<ArgumentException>(() => SearchSpace.Enumerate(training, ModelTask.Binary));
        Assert.Contains("'XgBoost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enumerate_TrainerNotForTask_ArgumentExceptionNamingIt()
    {
        var training = new TrainingSpec { Trainers = [new TrainerSpec { Name = "FastForest" }] };

        ArgumentException error = Assert.Throws<ArgumentException>(() => SearchSpace.Enumerate(training, ModelTask.Multiclass));
        Assert.Contains("'FastForest' does not support Multiclass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enumerate_UnknownParameter_ArgumentExceptionNamingIt()
    {
        var training = new TrainingSpec
        {
            Trainers = [new TrainerSpec { Name = "LightGbm", Search = new Dictionary<string, List<double>> { ["maxDepth"] = [3] } }],
        };

        ArgumentException error = Assert.Throws<ArgumentException>(() => SearchSpace.Enumerate(training, ModelTask.Binary));
        Assert.Contains("'maxDepth'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enumerate_OutOfRangeValue_ArgumentExceptionNamingParameter()
    {
        var training = new TrainingSpec
        {
            Trainers = [new TrainerSpec { Name = "FastTree", Parameters = new Dictionary<string, double> { ["numberOfLeaves"] = 1.5 } }],
        };

        ArgumentException error = Assert.Throws<ArgumentException>(() => SearchSpace.Enumerate(training, ModelTask.Binary));
        Assert.Contains("'numberOfLeaves'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownTrainers_PerTask_ForestOnlyWhereTheTaskAllows()
    {
        Assert.Contains("FastForest", SearchSpace.KnownTrainers(ModelTask.Binary));
        Assert.Contains("FastForest", SearchSpace.KnownTrainers(ModelTask.Regression));
        Assert.DoesNotContain("FastForest", SearchSpace.KnownTrainers(ModelTask.Multiclass));
        Assert.Contains("LbfgsMaximumEntropy", SearchSpace.KnownTrainers(ModelTask.Multiclass));
    }

    [Fact]
    public void KnownParameters_LightGbm_IncludesTheMainHyperparameters()
    {
        Assert.Superset(
            new HashSet<string> { "numberOfIterations", "numberOfLeaves", "learningRate", "minimumExampleCountPerLeaf", "l2Regularization", "numberOfThreads" },
            SearchSpace.KnownParameters("LightGbm").ToHashSet());
        Assert.Throws<ArgumentException>(() => SearchSpace.KnownParameters("Nope"));
    }
}
