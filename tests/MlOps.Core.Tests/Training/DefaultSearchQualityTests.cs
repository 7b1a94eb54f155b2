using MlOps.Core.Evaluation;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using Xunit.Abstractions;

namespace MlOps.Core.Tests.Training;

/// <summary>
/// The default search space, selected as the pipeline selects (candidates trained in parallel on train, ranked on
/// validation by the primary metric, the winner scored on held-out rows), reaches scikit-learn's
/// HistGradientBoosting figure on every shared dataset under the same protocol: 5-fold shuffled cross-validation
/// with seed 0 over the whole dataset.
/// </summary>
public sealed class DefaultSearchQualityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("breast_cancer")]
    [InlineData("iris")]
    [InlineData("wine")]
    [InlineData("digits")]
    [InlineData("diabetes")]
    public void SelectedModel_FiveFoldCrossValidation_ReachesHistGradientBoostingBaseline(string name)
    {
        SharedDataset dataset = SharedDataset.Load(name);
        using var directory = new TemporaryDirectory();
        var spec = new PipelineSpec { Task = dataset.Task, Label = dataset.Layout.Label };
        IReadOnlyList<CandidateSpec> candidates = SearchSpace.Enumerate(spec.Training, dataset.Task);
        string primary = ChampionChallengerGate.PrimaryMetricFor(spec);
        var trainer = new CandidateTrainer();

        var scores = new List<double>();
        foreach (FoldFiles fold in dataset.WriteFolds(directory.Path, folds: 5, seed: 0))
        {
            // Two at a time, as the durable fan-out runs them on a two-core worker.
            var trained = candidates.AsParallel().AsOrdered().WithDegreeOfParallelism(2)
                .Select(c => trainer.Train(dataset.Layout, spec, c, fold.Train, fold.Validation))
                .ToList();
            CandidateResult best = CandidateSelector.SelectBest(trained.Select(t => t.Result), primary)
                ?? throw new InvalidOperationException(string.Join("; ", trained.Select(t => t.Result.Error)));
            byte[] model = trained.Single(t => ReferenceEquals(t.Result, best)).ModelZip!;
            double score = ModelEvaluator.Evaluate(HoldoutEvaluator.Load(model), dataset.Layout, fold.Test, spec.Training.Seed)[dataset.Metric];
            scores.Add(score);
            output.WriteLine($"{best.Candidate}: {dataset.Metric} {score:F4}");
        }

        double mean = scores.Average();
        output.WriteLine($"{name}: mean {dataset.Metric} {mean:F4}, baseline {dataset.Baseline:F4}");
        Assert.True(mean >= dataset.Baseline - dataset.Tolerance, $"{name}: mean {dataset.Metric} {mean:F4} is more than {dataset.Tolerance} below the baseline {dataset.Baseline:F4}");
    }
}
