using System.Text.Json;
using MlOps.Core.Serving;
using MlOps.Core.Serving.Explanations;
using MlOps.Core.Specs;
using MlOps.Core.Tests.Evaluation;
using MlOps.Core.Tests.Training;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Serving.Explanations;

public sealed class ModelExplainerTests
{
    /// <summary>Every trainer that serves binary or regression, each default-search candidate among them.</summary>
    public static TheoryData<string, string> Trainers => new()
    {
        { "breast_cancer", "LightGbm" },
        { "breast_cancer", "FastTree" },
        { "breast_cancer", "FastForest" },
        { "breast_cancer", "LbfgsLogisticRegression" },
        { "diabetes", "LightGbm" },
        { "diabetes", "FastTree" },
        { "diabetes", "FastForest" },
        { "diabetes", "Sdca" },
    };

    [Theory]
    [MemberData(nameof(Trainers))]
    public void Explain_TrainedModel_BiasPlusEveryContributionIsTheRawScore(string dataset, string trainer)
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset shared, FoldFiles files, _, byte[] model) = TrainedModels.Train(dataset, directory, new CandidateSpec(trainer, new Dictionary<string, double>()));
        var loaded = new LoadedModel(ModelEvaluatorTests.Record(shared.Layout), model);
        IReadOnlyList<PackedRow> rows = loaded.Pack(CsvRows.AsJson(files.Test, shared.Layout));

        IReadOnlyList<PredictionExplanation> top = loaded.Explain(rows, 5);
        IReadOnlyList<PredictionExplanation> all = loaded.Explain(rows, int.MaxValue);

        IReadOnlyList<Prediction> predictions = loaded.Predict(rows);
        string method = trainer is "LbfgsLogisticRegression" or "Sdca" ? "linear" : "treePath";
        for (int i = 0; i < rows.Count; i++)
        {
            // The raw score is binary's margin before the calibrator, regression's value: Score in both.
            double score = predictions[i].Score;
            double tolerance = Tolerance(all[i], score);
            Assert.Equal(method, all[i].Method);
            Assert.Equal(shared.Layout.NumericFeatures.Count, all[i].Contributions.Count);
            Assert.Equal(0, all[i].Rest);
            Assert.InRange(all[i].Bias + all[i].Contributions.Sum(c => c.Contribution) - score, -tolerance, tolerance);
            Assert.InRange(top[i].Bias + top[i].Contributions.Sum(c => c.Contribution) + top[i].Rest - score, -tolerance, tolerance);
            Assert.Equal(all[i].Contributions.Take(5), top[i].Contributions);
            Assert.Equal(top[i].Contributions.OrderByDescending(c => Math.Abs(c.Contribution)), top[i].Contributions);
            Assert.All(all[i].Contributions, c => Assert.Contains(c.Column, shared.Layout.NumericFeatures));
        }

        Assert.Equal(all[0].Bias, all[^1].Bias); // the bias is the model's, not the row's
        Assert.Contains(all, e => e.Contributions[0].Contribution != 0);
    }

    [Theory]
    [InlineData("LightGbm")]
    [InlineData("LbfgsLogisticRegression")]
    public void Explain_OneHotHashedTextAndMissingIndicators_SummedToTheirColumns(string trainer)
    {
        using var directory = new TemporaryDirectory();
        string train = MixedDataset.Write(directory.File("train.csv"), rows: 1500, seed: 1);
        string validation = MixedDataset.Write(directory.File("validation.csv"), rows: 300, seed: 2);
        (_, byte[]? model) = new CandidateTrainer().Train(MixedDataset.Layout, new PipelineSpec { Label = "y" },
            new CandidateSpec(trainer, new Dictionary<string, double>()), train, validation);
        var loaded = new LoadedModel(ModelEvaluatorTests.Record(MixedDataset.Layout), model!);
        using JsonDocument json = JsonDocument.Parse("""
            [
              { "signal": 2.5, "noise": 0.1, "color": "red", "city": "c7", "review": "the product was great and the delivery fast" },
              { "signal": null, "noise": null, "color": "purple", "city": "nowhere", "review": null },
              { "signal": -2.5, "noise": 0.1, "color": "blue", "city": "c7", "review": "the product was awful and the delivery fast" }
            ]
            """);
        IReadOnlyList<PackedRow> rows = loaded.Pack(json.RootElement);

        IReadOnlyList<PredictionExplanation> explanations = loaded.Explain(rows, int.MaxValue);

        IReadOnlyList<Prediction> predictions = loaded.Predict(rows);
        string[] columns = ["signal", "noise", "color", "city", "review"];
        for (int i = 0; i < rows.Count; i++)
        {
            PredictionExplanation e = explanations[i];
            Assert.Equal(columns.Order(), e.Contributions.Select(c => c.Column).Order()); // one entry per input column, none per slot
            double tolerance = Tolerance(e, predictions[i].Score);
            Assert.InRange(e.Bias + e.Contributions.Sum(c => c.Contribution) - predictions[i].Score, -tolerance, tolerance);
        }

        // What the data was made of: a high signal, red and praise push towards "yes"; a low signal and blame away.
        Assert.True(Share(explanations[0], "signal") > 0);
        Assert.True(Share(explanations[2], "signal") < 0);
        Assert.True(Share(explanations[0], "review") > Share(explanations[2], "review"));
        Assert.True(Share(explanations[0], "color") > Share(explanations[2], "color"));
    }

    [Fact]
    public void Explain_Multiclass_RefusedNamingWhy()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset shared, FoldFiles files, _, byte[] model) = TrainedModels.Train("iris", directory);
        var loaded = new LoadedModel(ModelEvaluatorTests.Record(shared.Layout), model);
        IReadOnlyList<PackedRow> rows = loaded.Pack(CsvRows.AsJson(files.Test, shared.Layout));

        var refused = Assert.Throws<ExplanationUnavailableException>(() => loaded.Explain(rows, 5));

        Assert.Contains("multiclass", refused.Message, StringComparison.Ordinal);
        Assert.Equal(rows.Count, loaded.Predict(rows).Count); // scoring is untouched
    }

    /// <summary>
    /// 1e-6, relative above 1: the model's own score is a float. A linear model's is a float dot product, rounded at
    /// the scale of its terms rather than of its result, so there the scale is the sum of the terms' sizes.
    /// </summary>
    private static double Tolerance(PredictionExplanation all, double score) =>
        1e-6 * Math.Max(1, all.Method == "linear" ? Math.Abs(all.Bias) + all.Contributions.Sum(c => Math.Abs(c.Contribution)) : Math.Abs(score));

    private static double Share(PredictionExplanation explanation, string column) => explanation.Contributions.Single(c => c.Column == column).Contribution;
}
