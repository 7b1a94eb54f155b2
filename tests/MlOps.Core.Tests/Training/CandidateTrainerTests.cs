using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Evaluation;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

public sealed class CandidateTrainerTests
{
    private static CandidateSpec Candidate(string trainer, params (string Name, double Value)[] parameters) =>
        new(trainer, parameters.ToDictionary(p => p.Name, p => p.Value));

    public static TheoryData<string, string> EveryTrainerOfEveryTask()
    {
        var data = new TheoryData<string, string>();
        foreach ((string dataset, ModelTask task) in new[] { ("breast_cancer", ModelTask.Binary), ("iris", ModelTask.Multiclass), ("diabetes", ModelTask.Regression) })
        {
            foreach (string trainer in SearchSpace.KnownTrainers(task))
            {
                data.Add(dataset, trainer);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTrainerOfEveryTask))]
    public void Train_EveryTrainerOfEveryTask_ScoresAndReturnsALoadableModel(string dataset, string trainer)
    {
        using var directory = new TemporaryDirectory();
        CandidateSpec candidate = Candidate(trainer, trainer is "FastTree" or "FastForest" ? [("numberOfTrees", 20)] : []);

        (SharedDataset shared, FoldFiles files, CandidateResult result, byte[] model) = TrainedModels.Train(dataset, directory, candidate);

        Assert.Null(result.Error);
        Assert.Equal(ModelEvaluator.MetricNames(shared.Task).Order(), result.ValidationMetrics.Keys.Where(k => k is not "rows" and not "threshold").Order());
        double reloaded = ModelEvaluator.Evaluate(HoldoutEvaluator.Load(model), shared.Layout, files.Validation, 1)[shared.Metric];
        Assert.Equal(result.ValidationMetrics[shared.Metric], reloaded, 12);
        Assert.True(shared.Task == ModelTask.Regression ? reloaded > 0.2 : reloaded > 0.85, $"{trainer}: {shared.Metric} {reloaded}");
    }

    [Theory]
    [InlineData("LightGbm")]
    [InlineData("FastTree")]
    [InlineData("FastForest")]
    [InlineData("LbfgsLogisticRegression")]
    public void Train_SameDataSpecAndSeed_IdenticalMetrics(string trainer)
    {
        using var directory = new TemporaryDirectory();

        CandidateResult first = TrainedModels.Train("breast_cancer", directory, Candidate(trainer)).Result;
        CandidateResult second = TrainedModels.Train("breast_cancer", directory, Candidate(trainer)).Result;

        Assert.Equal(first.ValidationMetrics, second.ValidationMetrics);
        Assert.Equal(first.TrainMetrics, second.TrainMetrics);
    }

    [Fact]
    public void Train_LightGbmOnTwoThreads_SameMetricsAsOnOne()
    {
        using var directory = new TemporaryDirectory();

        CandidateResult one = TrainedModels.Train("digits", directory, Candidate("LightGbm", ("numberOfIterations", 30))).Result;
        CandidateResult two = TrainedModels.Train("digits", directory, Candidate("LightGbm", ("numberOfIterations", 30), ("numberOfThreads", 2))).Result;

        Assert.Equal(one.ValidationMetrics, two.ValidationMetrics);
    }

    [Fact]
    public void Train_OtherSeed_OtherModel()
    {
        using var directory = new TemporaryDirectory();
        CandidateSpec forest = Candidate("FastForest", ("numberOfTrees", 20));

        CandidateResult first = TrainedModels.Train("breast_cancer", directory, forest).Result;
        CandidateResult second = TrainedModels.Train("breast_cancer", directory, forest, new PipelineSpec { Label = "diagnosis", Training = new TrainingSpec { Seed = 7 } }).Result;

        Assert.NotEqual(first.ValidationMetrics["logLoss"], second.ValidationMetrics["logLoss"]);
    }

    [Theory]
    [InlineData("LightGbm", "numberOfLeaves", 1)]
    [InlineData("LightGbm", "depth", 3)]
    [InlineData("LbfgsMaximumEntropy", "l2Regularization", 1)]
    public void Train_BadCandidate_ErrorResultWithoutModelOrException(string trainer, string parameter, double value)
    {
        using var directory = new TemporaryDirectory();
        SharedDataset shared = SharedDataset.Load("breast_cancer");
        FoldFiles files = shared.WriteFolds(directory.Path, 5, 0)[0];
        var spec = new PipelineSpec { Label = "diagnosis" };

        (CandidateResult result, byte[]? model) = new CandidateTrainer().Train(shared.Layout, spec, Candidate(trainer, (parameter, value)), files.Train, files.Validation);

        Assert.Null(model);
        Assert.False(result.Succeeded);
        Assert.Contains(trainer, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.ValidationMetrics);
    }

    [Fact]
    public void Train_FiveFolds_RanksByCrossValidationAndFitsOnTrainAndValidation()
    {
        using var directory = new TemporaryDirectory();
        var spec = new PipelineSpec { Task = ModelTask.Multiclass, Label = "species", Training = new TrainingSpec { Folds = 5 } };

        (_, FoldFiles files, CandidateResult result, _) = TrainedModels.Train("iris", directory, Candidate("LbfgsMaximumEntropy"), spec);

        int rows = File.ReadLines(files.Train).Count() - 1 + File.ReadLines(files.Validation).Count() - 1;
        Assert.Equal(5, result.ValidationMetrics["folds"]);
        Assert.Equal(rows, result.ValidationMetrics["rows"]);
        Assert.Equal(rows, result.TrainMetrics["rows"]);
        Assert.InRange(result.ValidationMetrics["accuracy"], 0.85, 1);

        CrossValidationSummary folds = result.CrossValidation!;
        Assert.Equal(5, folds.Folds);
        Assert.Equal(rows, folds.Rows);
        Assert.Equal(ModelEvaluator.MetricNames(ModelTask.Multiclass).Order(), folds.Metrics.Keys.Order());
        Assert.All(folds.Metrics, m => Assert.Equal(m.Value.Mean, result.ValidationMetrics[m.Key], 12));
        Assert.Contains(folds.Metrics.Values, m => m.StandardDeviation > 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Train_BinaryWithMaxF1Threshold_ChoosesItOnValidationRowsAndScoresAtIt(int folds)
    {
        using var directory = new TemporaryDirectory();
        var spec = PipelineSpecSerializer.Parse($$"""{ "label": "diagnosis", "training": { "threshold": "maxF1", "folds": {{folds}} } }""");

        CandidateResult result = TrainedModels.Train("breast_cancer", directory, Candidate("LightGbm"), spec).Result;

        double threshold = result.Threshold!.Value;
        Assert.NotEqual(0.5, threshold);
        Assert.InRange(threshold, 0, 1);
        Assert.Equal(threshold, result.ValidationMetrics["threshold"]);
        Assert.Equal(threshold, result.TrainMetrics["threshold"]);
        Assert.Equal(folds > 0, result.CrossValidation is not null);
    }

    [Fact]
    public void Train_BinaryWithoutThresholdRule_OneHalf()
    {
        using var directory = new TemporaryDirectory();

        CandidateResult result = TrainedModels.Train("breast_cancer", directory, Candidate("LightGbm")).Result;

        Assert.Equal(0.5, result.Threshold);
        Assert.Equal(0.5, result.ValidationMetrics["threshold"]);
    }

    public static TheoryData<string, string> EveryClassifier()
    {
        var data = new TheoryData<string, string>();
        foreach ((string dataset, ModelTask task) in new[] { ("breast_cancer", ModelTask.Binary), ("wine", ModelTask.Multiclass) })
        {
            foreach (string trainer in SearchSpace.KnownTrainers(task))
            {
                data.Add(dataset, trainer);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryClassifier))]
    public void Train_BalancedClassWeights_ReachTheTrainer(string dataset, string trainer)
    {
        using var directory = new TemporaryDirectory();
        SharedDataset shared = SharedDataset.Load(dataset);
        CandidateSpec candidate = Candidate(trainer, trainer is "FastTree" or "FastForest" ? [("numberOfTrees", 20)] : []);
        var weighted = new PipelineSpec { Task = shared.Task, Label = shared.Layout.Label, Training = new TrainingSpec { ClassWeights = ClassWeighting.Balanced } };

        CandidateResult plain = TrainedModels.Train(dataset, directory, candidate).Result;
        CandidateResult balanced = TrainedModels.Train(dataset, directory, candidate, weighted).Result;

        // The classes are unequal (breast cancer 63/37, wine 33/40/27%), so weighing them equally changes the model.
        Assert.Null(balanced.Error);
        Assert.NotEqual(plain.ValidationMetrics["logLoss"], balanced.ValidationMetrics["logLoss"]);
        Assert.Equal(ClassWeighting.Balanced, balanced.Provenance!.ClassWeights);
    }

    [Theory]
    [MemberData(nameof(EveryTrainerOfEveryTask))]
    public void Train_BudgetAlreadySpent_EveryTrainerStopsWithoutAModel(string dataset, string trainer)
    {
        using var directory = new TemporaryDirectory();
        SharedDataset shared = SharedDataset.Load(dataset);
        FoldFiles files = shared.WriteFolds(directory.Path, 5, 0)[0];
        var spec = new PipelineSpec { Task = shared.Task, Label = shared.Layout.Label };

        (CandidateResult result, byte[]? model) = new CandidateTrainer().Train(shared.Layout, spec, Candidate(trainer), files.Train, files.Validation, budget: TimeSpan.Zero);

        Assert.True(TrainingBudget.CanStop);
        Assert.Null(model);
        Assert.Contains("training.maxWallTime", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_BudgetRunsOutWhileTraining_StopsAndSaysSo()
    {
        using var directory = new TemporaryDirectory();
        SharedDataset shared = SharedDataset.Load("digits");
        FoldFiles files = shared.WriteFolds(directory.Path, 5, 0)[0];
        var spec = new PipelineSpec { Task = shared.Task, Label = shared.Layout.Label };

        // 5,000 boosting rounds of 10 classes take minutes; the budget is a fraction of a second.
        (CandidateResult result, byte[]? model) = new CandidateTrainer().Train(
            shared.Layout, spec, Candidate("LightGbm", ("numberOfIterations", 5000)), files.Train, files.Validation, budget: TimeSpan.FromMilliseconds(300));

        Assert.Null(model);
        Assert.Contains("stopped at its time budget of 0.3 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Succeeded_ProvenanceRecordsVersionsSeedAndResolvedOptions()
    {
        using var directory = new TemporaryDirectory();

        CandidateResult result = TrainedModels.Train("breast_cancer", directory, Candidate("LightGbm", ("numberOfLeaves", 15))).Result;

        TrainingProvenance provenance = result.Provenance!;
        Assert.Equal("LightGbm", provenance.Trainer);
        Assert.Equal(15, provenance.TrainerOptions["numberOfLeaves"]);
        Assert.Equal(100, provenance.TrainerOptions["numberOfIterations"]);
        Assert.Equal(42, provenance.Seed);
        Assert.StartsWith("5.0.1", provenance.Packages["Microsoft.ML"], StringComparison.Ordinal);
        Assert.StartsWith("5.0.1", provenance.Packages["Microsoft.ML.LightGbm"], StringComparison.Ordinal);
        Assert.Contains(".NET 10", provenance.DotNetVersion, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(provenance.CodeVersion));
    }

    [Theory]
    [InlineData(true, 2 + 1 + 3 + 32)]
    [InlineData(false, 2 + 3 + 32)]
    public void Fit_MixedColumns_OneHotLowCardinalityHashHighAndIndicateMissing(bool indicators, int expectedFeatures)
    {
        using var directory = new TemporaryDirectory();
        string path = MixedDataset.Write(directory.File("mixed.csv"), rows: 300, seed: 1);
        FeatureLayout layout = MixedDataset.LayoutWithoutText;
        var spec = new PipelineSpec
        {
            Label = "y",
            Training = new TrainingSpec { Featurization = new FeaturizationSpec { HashBits = 5, MissingIndicators = indicators } },
        };
        var ml = new MLContext(1);
        IDataView data = TrainingDataLoader.Load(ml, layout, path);

        ITransformer model = new CandidateTrainer().Fit(ml, layout, spec, Candidate("LbfgsLogisticRegression"), data);

        Assert.Equal(expectedFeatures, ((VectorDataViewType)model.GetOutputSchema(data.Schema)[TrainingColumns.Features].Type).Size);
    }

    [Theory]
    [InlineData("LightGbm")]
    [InlineData("LbfgsLogisticRegression")]
    public void Train_MixedColumnsWithText_Learns(string trainer)
    {
        using var directory = new TemporaryDirectory();
        string train = MixedDataset.Write(directory.File("train.csv"), rows: 1500, seed: 1);
        string validation = MixedDataset.Write(directory.File("validation.csv"), rows: 500, seed: 2);

        (CandidateResult result, byte[]? model) = new CandidateTrainer().Train(MixedDataset.Layout, new PipelineSpec { Label = "y" }, Candidate(trainer), train, validation);

        Assert.NotNull(model);
        Assert.True(result.ValidationMetrics["auc"] > 0.8, $"auc {result.ValidationMetrics["auc"]}");
    }

    [Fact]
    public void Train_EmptyValidationWithoutFolds_ErrorNamingTheSettings()
    {
        using var directory = new TemporaryDirectory();
        string train = MixedDataset.Write(directory.File("train.csv"), rows: 200, seed: 1);
        string validation = MixedDataset.Write(directory.File("validation.csv"), rows: 0, seed: 2);

        (CandidateResult result, byte[]? model) = new CandidateTrainer().Train(MixedDataset.Layout, new PipelineSpec { Label = "y" }, Candidate("LightGbm"), train, validation);

        Assert.Null(model);
        Assert.Contains("training.folds", result.Error, StringComparison.Ordinal);
    }
}
