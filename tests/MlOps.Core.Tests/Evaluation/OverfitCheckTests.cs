using System.Globalization;
using MlOps.Core.Evaluation;
using MlOps.Core.Specs;
using MlOps.Core.Tests.Training;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Evaluation;

public sealed class OverfitCheckTests
{
    private static PipelineSpec Spec(OverfitAction action, string? primary = null, ModelTask task = ModelTask.Binary) => new()
    {
        Task = task,
        Label = "y",
        Training = new TrainingSpec { SelectionMetric = primary },
        Gates = new GateSpec { MaxOverfitGap = 0.1, OverfitAction = action },
    };

    [Fact]
    public void Assess_DeepTreesOnTinyNoisyData_Overfit()
    {
        (Dictionary<string, double> train, Dictionary<string, double> test) = OverfitDeliberately();

        OverfitAssessment assessment = OverfitCheck.Assess(Spec(OverfitAction.Warn), train, test);

        Assert.True(assessment.Overfit, assessment.Describe());
        Assert.Equal("auc", assessment.Metric);
        Assert.True(assessment.Train > 0.95, assessment.Describe());
        Assert.Equal(assessment.Train - assessment.Test, assessment.Gap, 12);
    }

    [Fact]
    public void Decide_OverfitAndActionFail_GateFails()
    {
        (Dictionary<string, double> train, Dictionary<string, double> test) = OverfitDeliberately();
        PipelineSpec spec = Spec(OverfitAction.Fail);

        GateDecision decision = ChampionChallengerGate.Decide(spec, test, null, null, OverfitCheck.Assess(spec, train, test));

        Assert.False(decision.Passed);
        Assert.True(decision.Overfit!.Overfit);
        Assert.Contains(decision.Reasons, r => r.StartsWith("overfitting: auc train", StringComparison.Ordinal));
        Assert.Contains("train/test gap", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_OverfitAndActionWarn_PassesWithWarning()
    {
        (Dictionary<string, double> train, Dictionary<string, double> test) = OverfitDeliberately();
        PipelineSpec spec = Spec(OverfitAction.Warn);

        GateDecision decision = ChampionChallengerGate.Decide(spec, test, null, null, OverfitCheck.Assess(spec, train, test));

        Assert.True(decision.Passed);
        Assert.Contains(decision.Reasons, r => r.StartsWith("warning, overfitting:", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_GapWithinMaximum_NoOverfitReason()
    {
        PipelineSpec spec = Spec(OverfitAction.Fail);
        var train = new Dictionary<string, double> { ["auc"] = 0.95 };
        var test = new Dictionary<string, double> { ["auc"] = 0.9 };

        GateDecision decision = ChampionChallengerGate.Decide(spec, test, null, null, OverfitCheck.Assess(spec, train, test));

        Assert.True(decision.Passed);
        Assert.False(decision.Overfit!.Overfit);
        Assert.DoesNotContain(decision.Reasons, r => r.Contains("overfitting", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(10.0, 15.0, 5.0, true)]
    [InlineData(10.0, 10.05, 0.05, false)]
    [InlineData(12.0, 10.0, -2.0, false)]
    public void Assess_LowerIsBetterMetric_GapIsTestMinusTrain(double train, double test, double gap, bool overfit)
    {
        OverfitAssessment assessment = OverfitCheck.Assess(
            Spec(OverfitAction.Fail, "rmse", ModelTask.Regression),
            new Dictionary<string, double> { ["rmse"] = train },
            new Dictionary<string, double> { ["rmse"] = test });

        Assert.Equal(gap, assessment.Gap, 12);
        Assert.Equal(overfit, assessment.Overfit);
    }

    [Fact]
    public void Assess_PrimaryMetricMissing_ArgumentException() =>
        Assert.Throws<ArgumentException>(() => OverfitCheck.Assess(Spec(OverfitAction.Warn), new Dictionary<string, double>(), new Dictionary<string, double> { ["auc"] = 0.5 }));

    /// <summary>60 training rows whose labels are a coin flip, learned by 200 deep trees with one row per leaf.</summary>
    private static (Dictionary<string, double> Train, Dictionary<string, double> Test) OverfitDeliberately()
    {
        using var directory = new TemporaryDirectory();
        var layout = new FeatureLayout
        {
            Task = ModelTask.Binary,
            Label = "y",
            Columns = ["a", "b", "c", "y"],
            NumericFeatures = ["a", "b", "c"],
            PositiveClass = "1",
            Classes = ["0", "1"],
        };
        string train = WriteNoise(directory.File("train.csv"), 60, 1);
        string test = WriteNoise(directory.File("test.csv"), 400, 2);
        var candidate = new CandidateSpec("FastTree", new Dictionary<string, double>
        {
            ["numberOfTrees"] = 200,
            ["numberOfLeaves"] = 16,
            ["minimumExampleCountPerLeaf"] = 1,
        });

        (CandidateResult result, byte[]? model) = new CandidateTrainer().Train(layout, new PipelineSpec { Label = "y" }, candidate, train, test);

        return (result.TrainMetrics, ModelEvaluator.Evaluate(HoldoutEvaluator.Load(model!), layout, test, 1));
    }

    private static string WriteNoise(string path, int rows, int seed) =>
        SyntheticCsv.Write(path, "a,b,c,y", rows, seed, random =>
            string.Create(CultureInfo.InvariantCulture, $"{random.NextDouble():R},{random.NextDouble():R},{random.NextDouble():R},{random.Next(2)}"));
}
