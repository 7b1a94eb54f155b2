using System.Text.Json;
using MlOps.Core.Serving;
using MlOps.Core.Specs;
using MlOps.Core.Tests.Evaluation;
using MlOps.Core.Tests.Training;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Serving;

public sealed class LoadedModelTests
{
    [Fact]
    public void Predict_Binary_LabelFollowsTheProbability()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, LoadedModel loaded) = Serve("breast_cancer", directory);

        IReadOnlyList<Prediction> predictions = loaded.Predict(CsvRows.AsJson(files.Test, dataset.Layout));

        Assert.Equal(File.ReadLines(files.Test).Count() - 1, predictions.Count);
        Assert.All(predictions, p =>
        {
            Assert.InRange(p.Probability!.Value, 0, 1);
            Assert.Equal(p.Probability >= 0.5 ? "malignant" : "benign", p.Label);
            Assert.Null(p.Probabilities);
        });
        Assert.Contains(predictions, p => p.Label == "malignant");
        Assert.Contains(predictions, p => p.Label == "benign");
    }

    [Fact]
    public void Predict_Multiclass_ProbabilitiesInClassOrderSumToOne()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, LoadedModel loaded) = Serve("iris", directory);

        IReadOnlyList<Prediction> predictions = loaded.Predict(CsvRows.AsJson(files.Test, dataset.Layout));

        string[] truth = [.. File.ReadLines(files.Test).Skip(1).Select(l => l.Split(',')[^1])];
        Assert.All(predictions, p =>
        {
            Assert.Equal(dataset.Layout.Classes, p.Probabilities!.Keys);
            Assert.Equal(1, p.Probabilities.Values.Sum(), 5);
            Assert.Equal(p.Probabilities.MaxBy(x => x.Value).Key, p.Label);
            Assert.Equal(p.Probabilities[p.Label!], p.Probability!.Value, 12);
        });
        Assert.True(predictions.Zip(truth).Count(x => x.First.Label == x.Second) >= 27);
    }

    [Fact]
    public void Predict_Regression_ValueAsScoreWithoutLabel()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, LoadedModel loaded) = Serve("diabetes", directory);

        IReadOnlyList<Prediction> predictions = loaded.Predict(CsvRows.AsJson(files.Test, dataset.Layout));

        Assert.All(predictions, p =>
        {
            Assert.Null(p.Label);
            Assert.Null(p.Probability);
            Assert.InRange(p.Score, 20, 400);
        });
    }

    [Fact]
    public void PredictBatch_PackedRows_SameAnswersAsPredict()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, LoadedModel loaded) = Serve("wine", directory);
        JsonElement rows = CsvRows.AsJson(files.Test, dataset.Layout);
        var packer = new RowPacker(dataset.Layout);

        List<Prediction> batch = [.. loaded.PredictBatch(rows.EnumerateArray().Select((r, i) => packer.Pack(r, i)))];

        IReadOnlyList<Prediction> single = loaded.Predict(rows);
        Assert.Equal(single.Select(p => (p.Label, p.Score)), batch.Select(p => (p.Label, p.Score)));
    }

    [Fact]
    public void PredictBatch_ManyChunksInParallel_SameAnswersInSameOrderAsRowByRow()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, LoadedModel loaded) = Serve("iris", directory);
        JsonElement rows = CsvRows.AsJson(files.Test, dataset.Layout);
        var packer = new RowPacker(dataset.Layout);
        PackedRow[] distinct = [.. rows.EnumerateArray().Select((r, i) => packer.Pack(r, i))];
        // Enough rows for several rounds of parallel chunks, the last one partial; each copy has its row's index
        // in a feature so that rows out of order would show.
        PackedRow[] many = [.. Enumerable.Range(0, 10_007).Select(i => Varied(distinct[i % distinct.Length], i))];

        List<Prediction> batch = [.. loaded.PredictBatch(many)];

        Prediction[] rowByRow = [.. many.Select(row => loaded.PredictBatch([row]).Single())];
        Assert.Equal(rowByRow.Length, batch.Count);
        Assert.Equal(rowByRow.Select(p => (p.Label, p.Score, string.Join(',', p.Probabilities!.Values))), batch.Select(p => (p.Label, p.Score, string.Join(',', p.Probabilities!.Values))));
        Assert.True(batch.Select(p => p.Score).Distinct().Count() > distinct.Length);
    }

    [Fact]
    public void PredictBatch_BinaryTreeEnsemble_BitForBitTheEngineRowByRow()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, LoadedModel loaded) = Serve("breast_cancer", directory);
        JsonElement rows = CsvRows.AsJson(files.Test, dataset.Layout);
        var packer = new RowPacker(dataset.Layout);
        PackedRow[] distinct = [.. rows.EnumerateArray().Select((r, i) => packer.Pack(r, i))];
        PackedRow[] many = [.. Enumerable.Range(0, 5_003).Select(i => Varied(distinct[i % distinct.Length], i))];

        List<Prediction> batch = [.. loaded.PredictBatch(many)];

        IReadOnlyList<Prediction> engine = loaded.Predict(JsonSerializer.SerializeToElement(many.Select(r => Json(r, dataset.Layout))));
        Assert.Equal(engine.Select(p => (p.Label, p.Score, p.Probability)), batch.Select(p => (p.Label, p.Score, p.Probability)));
    }

    [Fact]
    public void PredictBatch_TreeEnsembleWithCategoricalTextAndMissingValues_BitForBitTheEngineRowByRow()
    {
        using var directory = new TemporaryDirectory();
        string train = MixedDataset.Write(directory.File("train.csv"), rows: 1500, seed: 1);
        string validation = MixedDataset.Write(directory.File("validation.csv"), rows: 300, seed: 2);
        (_, byte[]? model) = new CandidateTrainer().Train(MixedDataset.Layout, new PipelineSpec { Label = "y" },
            new CandidateSpec("LightGbm", new Dictionary<string, double> { ["useCategoricalSplit"] = 1 }), train, validation);
        var loaded = new LoadedModel(ModelEvaluatorTests.Record(MixedDataset.Layout), model!);
        var random = new Random(3);
        string[] reviews = ["the product was great and the delivery fast", "awful, broken", "fine", "great great great"];
        JsonElement rows = JsonSerializer.SerializeToElement(Enumerable.Range(0, 3_000).Select(i => new Dictionary<string, object?>
        {
            ["signal"] = i % 11 == 0 ? null : Math.Round((random.NextDouble() * 6) - 3, 3),
            ["noise"] = i % 13 == 0 ? null : Math.Round(random.NextDouble(), 3),
            ["color"] = i % 17 == 0 ? "purple" : new[] { "red", "green", "blue" }[random.Next(3)],
            ["city"] = i % 19 == 0 ? null : $"c{random.Next(220)}",
            ["review"] = i % 7 == 0 ? null : reviews[random.Next(reviews.Length)],
        }));
        var packer = new RowPacker(MixedDataset.Layout);

        List<Prediction> batch = [.. loaded.PredictBatch(rows.EnumerateArray().Select((r, i) => packer.Pack(r, i)))];

        IReadOnlyList<Prediction> engine = loaded.Predict(rows);
        Assert.Equal(engine.Select(p => (p.Label, p.Score, p.Probability)), batch.Select(p => (p.Label, p.Score, p.Probability)));
        Assert.Contains(batch, p => p.Label == "yes");
        Assert.Contains(batch, p => p.Label == "no");
    }

    [Fact]
    public void Predict_ConcurrentRequests_SameAnswersAsSequential()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, LoadedModel loaded) = Serve("breast_cancer", directory);
        JsonElement rows = CsvRows.AsJson(files.Test, dataset.Layout);
        double[] expected = [.. loaded.Predict(rows).Select(p => p.Score)];

        double[][] concurrent = new double[16][];
        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = [.. loaded.Predict(rows).Select(p => p.Score)]);

        Assert.All(concurrent, scores => Assert.Equal(expected, scores));
    }

    [Fact]
    public void Predict_MixedColumnsWithNullsAndUnseenValues_Predicts()
    {
        using var directory = new TemporaryDirectory();
        string train = MixedDataset.Write(directory.File("train.csv"), rows: 600, seed: 1);
        string validation = MixedDataset.Write(directory.File("validation.csv"), rows: 200, seed: 2);
        (_, byte[]? model) = new CandidateTrainer().Train(MixedDataset.Layout, new PipelineSpec { Label = "y" },
            new CandidateSpec("LbfgsLogisticRegression", new Dictionary<string, double>()), train, validation);
        var loaded = new LoadedModel(ModelEvaluatorTests.Record(MixedDataset.Layout), model!);
        using JsonDocument rows = JsonDocument.Parse("""
            [
              { "signal": 2.5, "noise": 0, "color": "red", "city": "c7", "review": "the product was great and the delivery fast" },
              { "signal": null, "noise": null, "color": "purple", "city": "nowhere", "review": null },
              { "signal": -2.5, "noise": 0, "color": "blue", "city": "c7", "review": "awful, broken" }
            ]
            """);

        IReadOnlyList<Prediction> predictions = loaded.Predict(rows.RootElement);

        Assert.Equal("yes", predictions[0].Label);
        Assert.InRange(predictions[1].Probability!.Value, 0, 1);
        Assert.Equal("no", predictions[2].Label);
    }

    private static (SharedDataset Dataset, FoldFiles Files, LoadedModel Model) Serve(string name, TemporaryDirectory directory)
    {
        (SharedDataset dataset, FoldFiles files, _, byte[] model) = TrainedModels.Train(name, directory);
        return (dataset, files, new LoadedModel(ModelEvaluatorTests.Record(dataset.Layout), model));
    }

    private static PackedRow Varied(PackedRow row, int index)
    {
        float[] numeric = [.. row.Numeric];
        numeric[0] += (index % 97) * 0.05f;
        return new PackedRow { Numeric = numeric, Categorical = row.Categorical, Text = row.Text };
    }

    private static Dictionary<string, float> Json(PackedRow row, FeatureLayout layout) =>
        layout.NumericFeatures.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => row.Numeric[x.i]);
}
