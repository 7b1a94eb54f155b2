using Microsoft.ML;
using MlOps.Core.Evaluation;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using Xunit.Abstractions;

namespace MlOps.Core.Tests.Training;

/// <summary>
/// A rare, hard-to-predict positive class, as in loan default data: the diabetes data's patients whose disease
/// progressed most (progression of 280 or more: 28 of 442 rows, 6%), from the same ten noisy measurements. At the
/// default 0.5 threshold the model finds few of them (recall 0.11 here); a threshold chosen on the validation rows,
/// or balanced class weights, must find more without a worse F1. Measured as the pipeline would: 5 seeded outer folds,
/// each trained on its train split (the threshold chosen on its validation split) and scored on its held-out test
/// rows, the test predictions pooled.
/// </summary>
public sealed class ClassImbalanceTests(ITestOutputHelper output)
{
    private static readonly CandidateSpec GradientBoosting = new("LightGbm", new Dictionary<string, double> { ["featureFraction"] = 0.7 });

    private static readonly Lazy<(double Recall, double F1)> Default = new(() => PooledTestScores("0.5", "none"));

    [Theory]
    [InlineData("maxF1", "none")]
    [InlineData("balanced", "none")]
    [InlineData("0.5", "balanced")]
    [InlineData("maxF1", "balanced")]
    public void Train_FivePercentPositives_FindsMoreOfThemThanTheDefault(string threshold, string weights)
    {
        (double recall, double f1) = PooledTestScores(threshold, weights);
        (double defaultRecall, double defaultF1) = Default.Value;

        output.WriteLine($"threshold {threshold}, class weights {weights}: recall {recall:F3}, F1 {f1:F3}; default: recall {defaultRecall:F3}, F1 {defaultF1:F3}");
        Assert.True(recall > defaultRecall, $"recall {recall:F3} is not above the default's {defaultRecall:F3}");
        Assert.True(f1 >= defaultF1, $"F1 {f1:F3} is below the default's {defaultF1:F3}");
    }

    private static (double Recall, double F1) PooledTestScores(string threshold, string weights)
    {
        SharedDataset rare = SharedDataset.Load("diabetes").Relabel(ModelTask.Binary,
            progression => double.Parse(progression, System.Globalization.CultureInfo.InvariantCulture) >= 280 ? "high" : "normal");
        var spec = PipelineSpecSerializer.Parse($$"""
            { "label": "progression", "training": { "threshold": {{(char.IsDigit(threshold[0]) ? threshold : $"\"{threshold}\"")}}, "classWeights": "{{weights}}" } }
            """);
        using var directory = new TemporaryDirectory();
        var labels = new List<bool>();
        var predicted = new List<double>();
        foreach (FoldFiles fold in rare.WriteFolds(directory.Path, folds: 5, seed: 0))
        {
            (CandidateResult result, byte[]? model) = new CandidateTrainer().Train(rare.Layout, spec, GradientBoosting, fold.Train, fold.Validation);
            var ml = new MLContext(spec.Training.Seed);
            (bool[] foldLabels, double[] probabilities) = ModelEvaluator.ScoreBinary(ml, HoldoutEvaluator.Load(model!), rare.Layout, TrainingDataLoader.Load(ml, rare.Layout, fold.Test));
            labels.AddRange(foldLabels);
            predicted.AddRange(probabilities.Select(p => p >= result.Threshold!.Value ? 1.0 : 0.0));
        }

        BinaryMetrics pooled = BinaryClassificationMetrics.Compute([.. labels], [.. predicted]);
        return (pooled.Recall, pooled.F1);
    }
}
