using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using MlOps.Core.Evaluation;
using MlOps.Core.Serving;
using MlOps.Core.Specs;
using MlOps.Core.Tests.Evaluation;
using MlOps.Core.Training;
using MlOps.Core.Training.NativeLightGbm;

namespace MlOps.Core.Tests.Training.NativeLightGbm;

/// <summary>
/// The native LightGBM path against the booster it trained and against ML.NET's own LightGbm trainer: the saved
/// model, loaded and scored by serving, gives each row the score LightGBM itself gives it.
/// </summary>
public sealed class NativeLightGbmFitTests
{
    private const int Seed = 42;

    [Fact]
    public void Fit_BreastCancer_ServingScoresEqualTheBoostersOwn()
    {
        using var directory = new TemporaryDirectory();
        SharedDataset shared = SharedDataset.Load("breast_cancer");
        FoldFiles files = shared.WriteFolds(directory.Path, 5, 0)[0];

        (int rows, int mismatches, string detail) = CompareWithBooster(shared.Layout, new PipelineSpec { Task = shared.Task, Label = shared.Layout.Label }, files.Train, files.Test);

        Assert.True(rows > 100, $"{rows} test rows");
        Assert.True(mismatches == 0, detail);
    }

    [Fact]
    public void Fit_CategoricalsMissingAndUnseenValues_ServingScoresEqualTheBoostersOwn()
    {
        using var directory = new TemporaryDirectory();
        string train = MixedDataset.Write(directory.File("train.csv"), rows: 3000, seed: 1);
        string test = MixedDataset.Write(directory.File("test.csv"), rows: 600, seed: 2);
        // Some test rows carry a color never seen in training and some none at all: both one-hot to no slot,
        // which LightGBM reads as a missing category.
        string[] lines = File.ReadAllLines(test);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split(',');
            fields[2] = (i % 7) switch { 0 => "purple", 1 => string.Empty, _ => fields[2] };
            lines[i] = string.Join(',', fields);
        }

        File.WriteAllLines(test, lines);
        var spec = new PipelineSpec { Label = "y" };

        (int rows, int mismatches, string detail) = CompareWithBooster(MixedDataset.LayoutWithoutText, spec, train, test);

        Assert.Equal(600, rows);
        Assert.True(mismatches == 0, detail);
    }

    [Fact]
    public void Fit_RegressionWithACategorical_ServingScoresEqualTheBoostersOwn()
    {
        using var directory = new TemporaryDirectory();
        SharedDataset shared = SharedDataset.Load("diabetes");
        FoldFiles files = shared.WriteFolds(directory.Path, 5, 0)[0];
        // "sex" holds two codes: as a categorical it is one-hot encoded and split on natively.
        FeatureLayout layout = shared.Layout with
        {
            NumericFeatures = [.. shared.Layout.NumericFeatures.Where(f => f != "sex")],
            CategoricalFeatures = ["sex"],
            CategoricalCardinality = new Dictionary<string, int> { ["sex"] = 2 },
        };

        (int rows, int mismatches, string detail) = CompareWithBooster(layout, new PipelineSpec { Task = ModelTask.Regression, Label = layout.Label }, files.Train, files.Test);

        Assert.True(rows > 50, $"{rows} test rows");
        Assert.True(mismatches == 0, detail);
    }

    [Theory]
    [InlineData("breast_cancer")]
    [InlineData("diabetes")]
    public void Train_NativeAgainstMlNetTrainer_RankingMetricNoWorse(string dataset)
    {
        using var directory = new TemporaryDirectory();
        SharedDataset shared = SharedDataset.Load(dataset);
        FoldFiles files = shared.WriteFolds(directory.Path, 5, 0)[0];
        var spec = new PipelineSpec { Task = shared.Task, Label = shared.Layout.Label };
        var candidate = new CandidateSpec("LightGbm", new Dictionary<string, double>());

        (CandidateResult native, byte[]? nativeModel) = new CandidateTrainer().Train(shared.Layout, spec, candidate, files.Train, files.Validation);
        (CandidateResult mlNet, byte[]? mlNetModel) = new CandidateTrainer { NativeLightGbm = false }.Train(shared.Layout, spec, candidate, files.Train, files.Validation);

        Assert.Null(native.Error);
        Assert.Null(mlNet.Error);
        double tolerance = shared.Task == ModelTask.Regression ? 0.01 : 0.002;
        Assert.True(native.ValidationMetrics[shared.Metric] >= mlNet.ValidationMetrics[shared.Metric] - tolerance,
            $"{shared.Metric} on validation: native {native.ValidationMetrics[shared.Metric]}, ML.NET {mlNet.ValidationMetrics[shared.Metric]}");
        double nativeOnTest = ModelEvaluator.Evaluate(HoldoutEvaluator.Load(nativeModel!), shared.Layout, files.Test, 1)[shared.Metric];
        double mlNetOnTest = ModelEvaluator.Evaluate(HoldoutEvaluator.Load(mlNetModel!), shared.Layout, files.Test, 1)[shared.Metric];
        Assert.True(nativeOnTest >= mlNetOnTest - tolerance, $"{shared.Metric} on test: native {nativeOnTest}, ML.NET {mlNetOnTest}");
    }

    [Fact]
    public void Train_BinaryBudgetRunsOutWhileBoosting_StopsAndSaysSo()
    {
        using var directory = new TemporaryDirectory();
        string train = MixedDataset.Write(directory.File("train.csv"), rows: 20_000, seed: 1);
        string validation = MixedDataset.Write(directory.File("validation.csv"), rows: 1000, seed: 2);
        // 100,000 rounds on 20,000 rows take minutes; the budget is half a second.
        var candidate = new CandidateSpec("LightGbm", new Dictionary<string, double> { ["numberOfIterations"] = 100_000 });

        (CandidateResult result, byte[]? model) = new CandidateTrainer().Train(
            MixedDataset.LayoutWithoutText, new PipelineSpec { Label = "y" }, candidate, train, validation, budget: TimeSpan.FromMilliseconds(500));

        Assert.Null(model);
        Assert.Contains("stopped at its time budget of 0.5 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_NativePath_WaitsAtTheThreadGateAndRecordsItsPhases()
    {
        SharedDataset shared = SharedDataset.Load("breast_cancer");
        using var directory = new TemporaryDirectory();
        var ml = new MLContext(Seed);
        IDataView data = TrainingDataLoader.LoadIntoMemory(ml, shared.Layout, shared.WriteAll(directory.Path));
        var phases = new TrainingPhaseTimes();
        var candidate = new CandidateSpec("LightGbm", new Dictionary<string, double> { ["numberOfThreads"] = 2 });
        Task<ITransformer> fit;

        using (LightGbmThreadGate.Enter(6))
        {
            // A training on another thread count is admitted only once this one leaves, as ML.NET's path is.
            fit = Task.Run(() => new CandidateTrainer().Fit(ml, shared.Layout, new PipelineSpec { Task = shared.Task, Label = shared.Layout.Label }, candidate, data, phases));
            await Task.Delay(300);
            Assert.False(fit.IsCompleted);
            Assert.Equal(TimeSpan.Zero, phases.Featurization);
        }

        ITransformer model = await fit.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.NotNull(TreeEnsembleBinaryScorer.TryCreate(ml, model, shared.Layout));
        Assert.True(phases.Featurization > TimeSpan.Zero);
        Assert.True(phases.Dataset > TimeSpan.Zero);
        Assert.True(phases.Boosting > TimeSpan.Zero);
        Assert.True(phases.ModelImport > TimeSpan.Zero);
    }

    [Fact]
    public void Fit_MulticlassOrText_TakesMlNetsTrainer()
    {
        SharedDataset iris = SharedDataset.Load("iris");
        TrainerDefinition lightGbm = TrainerCatalog.Find("LightGbm", ModelTask.Multiclass);
        var settings = new TrainerSettings(new MLContext(1), ModelTask.Multiclass, lightGbm.Resolve(new Dictionary<string, double>()), 1);

        Assert.False(NativeLightGbmFit.Applies(iris.Layout, new FeaturizationSpec(), lightGbm, settings));
        Assert.False(NativeLightGbmFit.Applies(MixedDataset.Layout, new FeaturizationSpec(), lightGbm, settings));
        Assert.True(NativeLightGbmFit.Applies(MixedDataset.LayoutWithoutText, new FeaturizationSpec(), lightGbm, settings));
    }

    /// <summary>
    /// Trains natively on <paramref name="trainPath"/>, saves the model as serving loads it, and scores
    /// <paramref name="testPath"/> both through <see cref="LoadedModel"/> and through LightGBM's own prediction from
    /// the model text (over the same featurized rows); counts the rows whose float scores differ.
    /// </summary>
    private static (int Rows, int Mismatches, string Detail) CompareWithBooster(FeatureLayout layout, PipelineSpec spec, string trainPath, string testPath)
    {
        var ml = new MLContext(Seed);
        IDataView train = TrainingDataLoader.LoadIntoMemory(ml, layout, trainPath);
        TrainerDefinition lightGbm = TrainerCatalog.Find("LightGbm", layout.Task);
        var settings = new TrainerSettings(ml, layout.Task, lightGbm.Resolve(new Dictionary<string, double>()), Seed);
        (ITransformer model, string modelText) = NativeLightGbmFit.Fit(ml, layout, spec.Training.Featurization, settings, LabelMapping.Apply(ml, layout, train), null, CancellationToken.None);
        byte[] zip = CandidateTrainer.Save(ml, model, train.Schema);

        var loaded = new LoadedModel(ModelEvaluatorTests.Record(layout), zip);
        IDataView test = TrainingDataLoader.LoadIntoMemory(ml, layout, testPath);
        List<PackedRow> packed = [.. ml.Data.CreateEnumerable<PackedRow>(test, reuseRowObject: false, schemaDefinition: PackedSchema.For<PackedRow>(layout))];
        Prediction[] served = [.. loaded.PredictBatch(packed)];

        // LightGBM's columns for the test rows, from the same featurization the model carries.
        LightGbmMatrix matrix = LightGbmMatrix.Read(model.Transform(LabelMapping.Apply(ml, layout, test)), categoricalSplits: true, weightColumn: null, parallelism: 1, CancellationToken.None);
        using NativeBooster booster = NativeBooster.Load(modelText);
        double[] raw = booster.PredictRaw(matrix.Values, matrix.Columns);

        Assert.Equal(raw.Length, served.Length);
        // The artifact ML.NET's trainer makes: binary models are scored by the packed tree walk, regression by ML.NET.
        object predictor = ((ISingleFeaturePredictionTransformer<object>)TransformerSteps.Flatten(model)[^1]).Model;
        if (layout.Task == ModelTask.Binary)
        {
            Assert.IsAssignableFrom<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>>(predictor);
        }
        else
        {
            Assert.IsType<LightGbmRegressionModelParameters>(predictor);
        }

        Assert.Equal(layout.Task == ModelTask.Binary, TreeEnsembleBinaryScorer.TryCreate(ml, model, layout) is not null);
        var differing = Enumerable.Range(0, raw.Length).Where(i => (float)raw[i] != (float)served[i].Score).ToList();
        string detail = string.Join("; ", differing.Take(5).Select(i => string.Create(CultureInfo.InvariantCulture, $"row {i}: LightGBM {raw[i]:R}, served {served[i].Score:R}")));
        return (raw.Length, differing.Count, $"{differing.Count} of {raw.Length} rows differ: {detail}");
    }
}
