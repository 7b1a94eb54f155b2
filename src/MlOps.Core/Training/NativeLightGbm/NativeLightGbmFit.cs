using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Specs;

namespace MlOps.Core.Training.NativeLightGbm;

/// <summary>
/// LightGbm training that hands LightGBM the featurized rows directly. ML.NET's LightGbm trainer reads its input view
/// three times (labels, the bin-boundary sample, then every row again in batches, featurizing each row each time and
/// allocating per row for categorical columns) before LightGBM boosts; here the featurization is fitted as in
/// <see cref="FeaturePipeline"/> (its passes over the data side by side), its output is read once into one matrix, LightGBM builds its dataset from that
/// matrix with its own threads, and its model text is imported through ML.NET's trainer
/// (<see cref="LightGbmModelImport"/>). The saved model has the same transformers and predictor type as ML.NET's
/// path gives, and scores exactly as the booster LightGBM trained.
/// Binary and regression without text features (<see cref="Applies"/>): ML.NET's multiclass import leaves the
/// predicted label without its class names, and text n-grams make wide sparse vectors a dense matrix would waste;
/// those take ML.NET's path.
/// </summary>
internal static class NativeLightGbmFit
{
    /// <summary>
    /// Whether the native path trains this candidate. Without categorical splits a hashed categorical column would be
    /// thousands of dense columns, so that combination takes ML.NET's path too.
    /// </summary>
    public static bool Applies(FeatureLayout layout, FeaturizationSpec featurization, TrainerDefinition trainer, TrainerSettings settings) =>
        trainer.Name == TrainerCatalog.LightGbm
        && layout.Task is ModelTask.Binary or ModelTask.Regression
        && layout.TextFeatures.Count == 0
        && (settings.Flag("useCategoricalSplit")
            || layout.CategoricalFeatures.All(c => layout.CategoricalCardinality.GetValueOrDefault(c) <= featurization.OneHotMaxCardinality));

    /// <summary>Fits featurization and a LightGBM predictor on labelled data; the model and LightGBM's own model text.</summary>
    public static (ITransformer Model, string ModelText) Fit(
        MLContext ml, FeatureLayout layout, FeaturizationSpec featurization, TrainerSettings settings, IDataView labelled, TrainingPhaseTimes? phases, CancellationToken cancellation)
    {
        OpenMpWaitPolicy.EnsurePassive();
        var clock = Stopwatch.StartNew();
        // As many threads as LightGBM gets, for the featurization's passes and the cursors: the candidate's share of the machine.
        int threads = settings.Int("numberOfThreads");
        (TransformerChain<ITransformer> featurizer, ITransformer? selection) = FeaturePipeline.FitFeaturization(ml, layout, featurization, labelled, threads);
        IDataView featurized = featurizer.Transform(selection?.Transform(labelled) ?? labelled);
        LightGbmMatrix matrix = LightGbmMatrix.Read(featurized, settings.Flag("useCategoricalSplit"), settings.WeightColumn, threads, cancellation);
        phases?.Featurization = clock.Elapsed;

        string modelText = NativeBooster.Train(matrix, LightGbmParameters.For(settings, matrix), settings.Int("numberOfIterations"), phases, cancellation);
        clock.Restart();
        ITransformer predictor = LightGbmModelImport.Predictor(ml, settings.Task, modelText, matrix, featurized);
        phases?.ModelImport = clock.Elapsed;

        // The same shape as FeaturePipeline.Fit's: one chain of the featurization steps and the predictor, after the selections.
        var fitted = new TransformerChain<ITransformer>([.. featurizer, predictor]);
        return (selection is null ? fitted : new TransformerChain<ITransformer>(selection, fitted), modelText);
    }
}
