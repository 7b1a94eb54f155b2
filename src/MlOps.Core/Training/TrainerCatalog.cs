using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using MlOps.Core.Specs;
using LightGbmBinaryModel = Microsoft.ML.Calibrators.CalibratedModelParametersBase<Microsoft.ML.Trainers.LightGbm.LightGbmBinaryModelParameters, Microsoft.ML.Calibrators.PlattCalibrator>;
using LogisticModel = Microsoft.ML.Calibrators.CalibratedModelParametersBase<Microsoft.ML.Trainers.LinearBinaryModelParameters, Microsoft.ML.Calibrators.PlattCalibrator>;

namespace MlOps.Core.Training;

/// <summary>
/// The trainers candidates may name, with their hyperparameters. Every trainer runs single-threaded unless a
/// candidate sets numberOfThreads: one thread makes FastTree, FastForest, SDCA and L-BFGS bit-for-bit repeatable, and
/// LightGbm is run in its deterministic mode so that more threads give the same model too.
/// </summary>
internal static class TrainerCatalog
{
    public const string LightGbm = "LightGbm";
    public const string FastTree = "FastTree";
    public const string FastForest = "FastForest";
    public const string LbfgsLogisticRegression = "LbfgsLogisticRegression";
    public const string LbfgsMaximumEntropy = "LbfgsMaximumEntropy";
    public const string Sdca = "Sdca";

    private static readonly TrainerParameter Threads = new("numberOfThreads", 1, 1, 256, IsInteger: true);
    private static readonly TrainerParameter Leaves = new("numberOfLeaves", 20, 2, 1 << 17, IsInteger: true);
    private static readonly TrainerParameter MinimumLeafCount = new("minimumExampleCountPerLeaf", 10, 1, int.MaxValue, IsInteger: true);
    private static readonly TrainerParameter Bins = new("maximumBinCountPerFeature", 255, 2, 65535, IsInteger: true);
    private static readonly TrainerParameter L2 = new("l2Regularization", 1, 0, double.MaxValue);
    private static readonly TrainerParameter L1 = new("l1Regularization", 1, 0, double.MaxValue);

    private static readonly ModelTask[] AllTasks = [ModelTask.Binary, ModelTask.Multiclass, ModelTask.Regression];

    public static IReadOnlyList<TrainerDefinition> All { get; } =
    [
        new(LightGbm, AllTasks,
        [
            new("numberOfIterations", 100, 1, 100_000, IsInteger: true),
            Leaves with { Default = 31 },
            new("learningRate", 0.1, 1e-6, 1),
            MinimumLeafCount with { Default = 20 },
            L2 with { Default = 0 },
            L1 with { Default = 0 },
            new("minimumChildWeight", 1e-3, 0, double.MaxValue),
            new("featureFraction", 1, 1e-6, 1),
            new("subsampleFraction", 1, 1e-6, 1),
            new("maximumTreeDepth", 0, 0, 1000, IsInteger: true),
            Bins,
            new("useCategoricalSplit", 1, 0, 1, IsInteger: true),
            Threads,
        ], NeedsNormalization: false, CreateLightGbm),
        new(FastTree, AllTasks,
        [
            new("numberOfTrees", 100, 1, 100_000, IsInteger: true),
            Leaves,
            new("learningRate", 0.2, 1e-6, 1),
            MinimumLeafCount,
            new("featureFraction", 1, 1e-6, 1),
            Bins,
            Threads,
        ], NeedsNormalization: false, CreateFastTree),
        new(FastForest, [ModelTask.Binary, ModelTask.Regression],
        [
            new("numberOfTrees", 100, 1, 100_000, IsInteger: true),
            Leaves,
            MinimumLeafCount,
            new("featureFraction", 0.7, 1e-6, 1),
            new("baggingExampleFraction", 0.7, 1e-6, 1),
            Bins,
            Threads,
        ], NeedsNormalization: false, CreateFastForest),
        new(LbfgsLogisticRegression, [ModelTask.Binary], LbfgsParameters(), NeedsNormalization: true,
            s => s.Ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
                LbfgsOptions<LbfgsLogisticRegressionBinaryTrainer.Options, BinaryPredictionTransformer<LogisticModel>, LogisticModel>(s))),
        new(LbfgsMaximumEntropy, [ModelTask.Multiclass], LbfgsParameters(), NeedsNormalization: true,
            s => s.Ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                LbfgsOptions<LbfgsMaximumEntropyMulticlassTrainer.Options, MulticlassPredictionTransformer<MaximumEntropyModelParameters>, MaximumEntropyModelParameters>(s))),
        new(Sdca, [ModelTask.Regression],
        [
            L2 with { Default = 1e-4 },
            L1 with { Default = 0 },
            new("maximumNumberOfIterations", 100, 1, 100_000, IsInteger: true),
            new("convergenceTolerance", 1e-3, 1e-9, 1),
            Threads,
        ], NeedsNormalization: true, CreateSdca),
    ];

    /// <summary>The trainer of that name serving the task; an <see cref="ArgumentException"/> names it otherwise.</summary>
    public static TrainerDefinition Find(string name, ModelTask task)
    {
        TrainerDefinition? definition = All.FirstOrDefault(t => t.Name == name);
        if (definition is null || !definition.Tasks.Contains(task))
        {
            string known = string.Join(", ", All.Where(t => t.Tasks.Contains(task)).Select(t => t.Name));
            throw new ArgumentException(definition is null
                ? $"Unknown trainer '{name}' (known for {task}: {known})."
                : $"Trainer '{name}' does not support {task} (known for {task}: {known}).");
        }

        return definition;
    }

    private static TrainerParameter[] LbfgsParameters() =>
    [
        L2,
        L1 with { Default = 0 },
        new("optimizationTolerance", 1e-7, 1e-12, 1),
        new("historySize", 20, 1, 1000, IsInteger: true),
        // Each iteration is a pass over the data, so the limit bounds the time: 100 as scikit-learn's LogisticRegression.
        new("maximumNumberOfIterations", 100, 1, 1_000_000, IsInteger: true),
        Threads,
    ];

    private static IEstimator<ITransformer> CreateLightGbm(TrainerSettings s)
    {
        OpenMpWaitPolicy.EnsurePassive();
        switch (s.Task)
        {
            case ModelTask.Binary:
                return s.Ml.BinaryClassification.Trainers.LightGbm(LightGbmOptions<LightGbmBinaryTrainer.Options, float, BinaryPredictionTransformer<LightGbmBinaryModel>, LightGbmBinaryModel>(s));
            case ModelTask.Multiclass:
                LightGbmMulticlassTrainer.Options multiclass = LightGbmOptions<LightGbmMulticlassTrainer.Options, VBuffer<float>, MulticlassPredictionTransformer<OneVersusAllModelParameters>, OneVersusAllModelParameters>(s);
                multiclass.UseSoftmax = true; // one softmax model rather than per-class sigmoids: probabilities that sum to one
                return s.Ml.MulticlassClassification.Trainers.LightGbm(multiclass);
            default:
                return s.Ml.Regression.Trainers.LightGbm(LightGbmOptions<LightGbmRegressionTrainer.Options, float, RegressionPredictionTransformer<LightGbmRegressionModelParameters>, LightGbmRegressionModelParameters>(s));
        }
    }

    private static TOptions LightGbmOptions<TOptions, TOutput, TTransformer, TModel>(TrainerSettings s)
        where TOptions : LightGbmTrainerBase<TOptions, TOutput, TTransformer, TModel>.OptionsBase, new()
        where TTransformer : ISingleFeaturePredictionTransformer<TModel>
        where TModel : class
    {
        double subsample = s.Double("subsampleFraction");
        return new TOptions
        {
            LabelColumnName = TrainingColumns.Label,
            FeatureColumnName = TrainingColumns.Features,
            ExampleWeightColumnName = s.WeightColumn,
            NumberOfIterations = s.Int("numberOfIterations"),
            NumberOfLeaves = s.Int("numberOfLeaves"),
            LearningRate = s.Double("learningRate"),
            MinimumExampleCountPerLeaf = s.Int("minimumExampleCountPerLeaf"),
            MaximumBinCountPerFeature = s.Int("maximumBinCountPerFeature"),
            UseCategoricalSplit = s.Flag("useCategoricalSplit"),
            NumberOfThreads = s.Int("numberOfThreads"),
            Seed = s.Seed,
            Deterministic = true,
            Silent = true,
            Booster = new GradientBooster.Options
            {
                L2Regularization = s.Double("l2Regularization"),
                L1Regularization = s.Double("l1Regularization"),
                MinimumChildWeight = s.Double("minimumChildWeight"),
                FeatureFraction = s.Double("featureFraction"),
                SubsampleFraction = subsample,
                SubsampleFrequency = subsample < 1 ? 1 : 0, // LightGBM only bags when a frequency is set
                MaximumTreeDepth = s.Int("maximumTreeDepth"),
            },
        };
    }

    private static IEstimator<ITransformer> CreateFastTree(TrainerSettings s)
    {
        switch (s.Task)
        {
            case ModelTask.Binary:
                return s.Ml.BinaryClassification.Trainers.FastTree(BoostedTreeOptions(new FastTreeBinaryTrainer.Options(), s));
            case ModelTask.Multiclass:
                // FastTree has no multiclass objective: one calibrated binary model per class, probabilities normalized.
                return s.Ml.MulticlassClassification.Trainers.OneVersusAll(s.Ml.BinaryClassification.Trainers.FastTree(BoostedTreeOptions(new FastTreeBinaryTrainer.Options(), s)), TrainingColumns.Label);
            default:
                return s.Ml.Regression.Trainers.FastTree(BoostedTreeOptions(new FastTreeRegressionTrainer.Options(), s));
        }
    }

    private static TOptions BoostedTreeOptions<TOptions>(TOptions options, TrainerSettings s)
        where TOptions : BoostedTreeOptions
    {
        options.LearningRate = s.Double("learningRate");
        return TreeOptions(options, s);
    }

    private static IEstimator<ITransformer> CreateFastForest(TrainerSettings s)
    {
        if (s.Task == ModelTask.Binary)
        {
            // A forest's score is a vote, not a probability: a Platt calibrator fitted on the training scores adds one.
            return s.Ml.BinaryClassification.Trainers.FastForest(TreeOptions(new FastForestBinaryTrainer.Options(), s))
                .Append(s.Ml.BinaryClassification.Calibrators.Platt(labelColumnName: TrainingColumns.Label, exampleWeightColumnName: s.WeightColumn));
        }

        return s.Ml.Regression.Trainers.FastForest(TreeOptions(new FastForestRegressionTrainer.Options(), s));
    }

    private static TOptions TreeOptions<TOptions>(TOptions options, TrainerSettings s)
        where TOptions : TreeOptions
    {
        options.LabelColumnName = TrainingColumns.Label;
        options.FeatureColumnName = TrainingColumns.Features;
        options.ExampleWeightColumnName = s.WeightColumn;
        options.NumberOfTrees = s.Int("numberOfTrees");
        options.NumberOfLeaves = s.Int("numberOfLeaves");
        options.MinimumExampleCountPerLeaf = s.Int("minimumExampleCountPerLeaf");
        options.FeatureFraction = s.Double("featureFraction");
        options.MaximumBinCountPerFeature = s.Int("maximumBinCountPerFeature");
        options.NumberOfThreads = s.Int("numberOfThreads");
        options.Seed = s.Seed;
        if (options is FastForestOptionsBase forest)
        {
            forest.BaggingExampleFraction = s.Double("baggingExampleFraction");
        }

        return options;
    }

    private static TOptions LbfgsOptions<TOptions, TTransformer, TModel>(TrainerSettings s)
        where TOptions : LbfgsTrainerBase<TOptions, TTransformer, TModel>.OptionsBase, new()
        where TTransformer : ISingleFeaturePredictionTransformer<TModel>
        where TModel : class => new()
        {
            LabelColumnName = TrainingColumns.Label,
            FeatureColumnName = TrainingColumns.Features,
            ExampleWeightColumnName = s.WeightColumn,
            L2Regularization = s.Single("l2Regularization"),
            L1Regularization = s.Single("l1Regularization"),
            OptimizationTolerance = s.Single("optimizationTolerance"),
            HistorySize = s.Int("historySize"),
            MaximumNumberOfIterations = s.Int("maximumNumberOfIterations"),
            NumberOfThreads = s.Int("numberOfThreads"),
        };

    private static IEstimator<ITransformer> CreateSdca(TrainerSettings s) =>
        s.Ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = TrainingColumns.Label,
            FeatureColumnName = TrainingColumns.Features,
            ExampleWeightColumnName = s.WeightColumn,
            L2Regularization = s.Single("l2Regularization"),
            L1Regularization = s.Single("l1Regularization"),
            MaximumNumberOfIterations = s.Int("maximumNumberOfIterations"),
            ConvergenceTolerance = s.Single("convergenceTolerance"),
            NumberOfThreads = s.Int("numberOfThreads"),
        });
}
