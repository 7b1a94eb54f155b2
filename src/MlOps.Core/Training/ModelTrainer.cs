using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>Fits featurization plus a trainer on a prepared split. The label mapping stays outside the saved model: serving never sees labels.</summary>
public static class ModelTrainer
{
    public const string LabelColumn = "Label";
    public const string FeaturesColumn = "Features";

    public static TrainedModel Train(FeatureLayout layout, string trainPath, TrainerSpec trainer, int seed)
    {
        if (layout.Task != ModelTask.Binary)
        {
            throw new NotSupportedException($"Task '{layout.Task}' is not supported yet; binary classification is.");
        }

        var ml = new MLContext(seed);
        IDataView raw = TrainingDataLoader.Load(ml, layout, trainPath);
        IDataView labelled = MapLabel(ml, layout).Fit(raw).Transform(raw);

        var parameters = new Dictionary<string, double>(trainer.Parameters);
        var options = new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            NumberOfTrees = (int)parameters.GetValueOrDefault("numberOfTrees", 100),
            NumberOfLeaves = (int)parameters.GetValueOrDefault("numberOfLeaves", 20),
            MinimumExampleCountPerLeaf = (int)parameters.GetValueOrDefault("minimumExampleCountPerLeaf", 10),
            LearningRate = parameters.GetValueOrDefault("learningRate", 0.2),
            NumberOfThreads = 1, // deterministic results across machines
        };
        parameters["numberOfTrees"] = options.NumberOfTrees;
        parameters["numberOfLeaves"] = options.NumberOfLeaves;
        parameters["minimumExampleCountPerLeaf"] = options.MinimumExampleCountPerLeaf;
        parameters["learningRate"] = options.LearningRate;

        IEstimator<ITransformer> pipeline = Featurize(ml, layout).Append(ml.BinaryClassification.Trainers.FastTree(options));
        ITransformer model = pipeline.Fit(labelled);
        return new TrainedModel(model, raw.Schema, layout, trainer.Name, parameters);
    }

    /// <summary>Maps the raw label onto what the task's trainers expect (binary: positive class → true).</summary>
    public static IEstimator<ITransformer> MapLabel(MLContext ml, FeatureLayout layout)
    {
        string positive = layout.PositiveClass ?? throw new InvalidOperationException("A binary layout needs a positive class.");
        var pairs = layout.Classes.Select(c => new KeyValuePair<string, bool>(c, c == positive));
        return ml.Transforms.Conversion.MapValue(LabelColumn, pairs, TrainingDataLoader.RawLabelColumn);
    }

    public static void Save(MLContext ml, TrainedModel model, Stream destination) =>
        ml.Model.Save(model.Transformer, model.InputSchema, destination);

    private static IEstimator<ITransformer> Featurize(MLContext ml, FeatureLayout layout)
    {
        IEstimator<ITransformer> numeric = ml.Transforms.ReplaceMissingValues(PackedRow.NumericColumn);
        if (layout.CategoricalFeatures.Count == 0)
        {
            return numeric.Append(ml.Transforms.CopyColumns(FeaturesColumn, PackedRow.NumericColumn));
        }

        return numeric
            .Append(ml.Transforms.Categorical.OneHotEncoding("CategoricalEncoded", PackedRow.CategoricalColumn))
            .Append(ml.Transforms.Concatenate(FeaturesColumn, PackedRow.NumericColumn, "CategoricalEncoded"));
    }
}
