using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>
/// Builds and fits featurization plus a trainer from the layout and the spec's featurization settings. Everything
/// here is saved inside the model, so serving applies exactly the same steps to a <see cref="PackedRow"/>:
/// numeric missing values → training mean, plus a 0/1 indicator for each column that had missing values;
/// categoricals → one-hot up to OneHotMaxCardinality distinct values, hashed above; text → word and character
/// n-grams; all concatenated into Features, normalized (mean/variance, zero kept at zero) and cached only for trainers that need it.
/// </summary>
internal static class FeaturePipeline
{
    private const string NumericFilled = "Numeric.Filled";
    private const string NumericMissing = "Numeric.Missing";
    private const string NumericMissingFlags = "Numeric.MissingFlags";

    /// <summary>Fits on labelled data (see <see cref="LabelMapping"/>) and returns featurization plus predictor as one transformer.</summary>
    public static ITransformer Fit(MLContext ml, FeatureLayout layout, FeaturizationSpec featurization, TrainerDefinition trainer, TrainerSettings settings, IDataView labelled)
    {
        (IEstimator<ITransformer> chain, ITransformer? selection) = Featurization(ml, layout, featurization, trainer.NeedsNormalization);
        chain = chain.Append(trainer.Create(settings));
        if (selection is null)
        {
            return chain.Fit(labelled);
        }

        ITransformer fitted = chain.Fit(selection.Transform(labelled));
        return new TransformerChain<ITransformer>(selection, fitted);
    }

    /// <summary>
    /// The featurization up to the Features vector (normalized and cached when <paramref name="normalize"/>), and the
    /// slot selections that must run before it (already fitted; null when no column needs one).
    /// </summary>
    public static (IEstimator<ITransformer> Chain, ITransformer? Selection) Featurization(MLContext ml, FeatureLayout layout, FeaturizationSpec featurization, bool normalize)
    {
        Steps steps = StepsOf(ml, layout, featurization);
        EstimatorChain<ITransformer>? parts = null;
        foreach (IEstimator<ITransformer>[] part in steps.Parts)
        {
            // Nested as the typed Append calls that built this chain always did, so that fitted models keep their
            // shape: each part starts a chain whose first element is everything before it.
            parts = parts is null ? new EstimatorChain<ITransformer>() : new EstimatorChain<ITransformer>().Append<ITransformer>(parts);
            foreach (IEstimator<ITransformer> estimator in part)
            {
                parts = parts.Append(estimator);
            }
        }

        IEstimator<ITransformer> chain = (parts is null ? new EstimatorChain<ITransformer>() : new EstimatorChain<ITransformer>().Append<ITransformer>(parts)).Append(steps.Concatenate);
        if (normalize)
        {
            // The trainers that need normalized features (the linear ones) are also those that pass over the data many
            // times: without a cache every pass would featurize every row again, which costs ten times the training.
            // Two statements on purpose: AppendCacheCheckpoint on the typed chain Append returns would put the cache inside a
            // nested chain, which the trainer appended next would read around.
            chain = chain.Append(ml.Transforms.NormalizeMeanVariance(TrainingColumns.Features));
            chain = chain.AppendCacheCheckpoint(ml);
        }

        return (chain, steps.Selection);
    }

    /// <summary>
    /// The unnormalized <see cref="Featurization"/> fitted on <paramref name="labelled"/>, its parts side by side: each
    /// part reads only input columns, and the imputation means and each encoding's keys are a pass over the data
    /// apiece, which the chain's fit makes one after another. The same transformers, in the same order and nesting, as
    /// the chain's fit gives, with the slot selections that run before them.
    /// </summary>
    /// <param name="parallelism">How many parts fit at once: the candidate's share of the machine.</param>
    public static (TransformerChain<ITransformer> Featurizer, ITransformer? Selection) FitFeaturization(
        MLContext ml, FeatureLayout layout, FeaturizationSpec featurization, IDataView labelled, int parallelism)
    {
        Steps steps = StepsOf(ml, layout, featurization);
        IDataView input = steps.Selection?.Transform(labelled) ?? labelled;
        var fitted = new ITransformer[steps.Parts.Count][];
        try
        {
            Parallel.For(0, fitted.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(parallelism, 1) }, i => fitted[i] = FitInOrder(steps.Parts[i], input));
        }
        catch (AggregateException failed) when (failed.InnerExceptions.Count == 1)
        {
            // The error the chain's fit would have thrown, not a wrapper around it.
            ExceptionDispatchInfo.Capture(failed.InnerExceptions[0]).Throw();
            throw;
        }

        // Nested as Featurization's chain fits.
        TransformerChain<ITransformer>? featurizer = null;
        foreach (ITransformer[] part in fitted)
        {
            featurizer = featurizer is null ? new TransformerChain<ITransformer>(part) : new TransformerChain<ITransformer>([featurizer, .. part]);
        }

        IDataView parts = featurizer?.Transform(input) ?? input;
        ITransformer features = steps.Concatenate.Fit(parts);
        return (featurizer is null ? new TransformerChain<ITransformer>(features) : new TransformerChain<ITransformer>(featurizer, features), steps.Selection);
    }

    private static ITransformer[] FitInOrder(IEstimator<ITransformer>[] part, IDataView input)
    {
        var transformers = new ITransformer[part.Length];
        IDataView view = input;
        for (int i = 0; i < part.Length; i++)
        {
            transformers[i] = part[i].Fit(view);
            view = transformers[i].Transform(view);
        }

        return transformers;
    }

    /// <summary>
    /// The featurization's estimators in parts that each read only input columns (a later estimator of a part may read
    /// an earlier one's output), the concatenation of their outputs into Features, and the slot selections.
    /// </summary>
    private static Steps StepsOf(MLContext ml, FeatureLayout layout, FeaturizationSpec featurization)
    {
        var selections = new List<ITransformer>();
        var featureColumns = new List<string>();
        var parts = new List<IEstimator<ITransformer>[]>();

        if (layout.NumericFeatures.Count > 0)
        {
            parts.Add([ml.Transforms.ReplaceMissingValues(NumericFilled, PackedRow.NumericColumn, MissingValueReplacingEstimator.ReplacementMode.Mean)]);
            featureColumns.Add(NumericFilled);
            int[] withMissing = [.. layout.NumericWithMissing.Select(name => IndexIn(layout.NumericFeatures, name)).Where(i => i >= 0).Distinct().Order()];
            if (featurization.MissingIndicators && withMissing.Length > 0)
            {
                selections.Add(SlotSelection.Keep(ml, layout, PackedRow.NumericColumn, NumericMissing, withMissing));
                parts.Add(
                [
                    ml.Transforms.IndicateMissingValues(NumericMissingFlags, NumericMissing),
                    ml.Transforms.Conversion.ConvertType(NumericMissingFlags, outputKind: DataKind.Single),
                ]);
                featureColumns.Add(NumericMissingFlags);
            }
        }

        // One estimator per encoding for all its columns: each estimator's fit is one pass over the data.
        var oneHot = new List<InputOutputColumnPair>();
        var hashed = new List<InputOutputColumnPair>();
        for (int i = 0; i < layout.CategoricalFeatures.Count; i++)
        {
            string column = SingleSlot(ml, layout, PackedRow.CategoricalColumn, layout.CategoricalFeatures.Count, i, selections);
            var pair = new InputOutputColumnPair(Invariant($"Categorical.{i}.Encoded"), column);
            int cardinality = layout.CategoricalCardinality.GetValueOrDefault(layout.CategoricalFeatures[i]);
            (cardinality <= featurization.OneHotMaxCardinality ? oneHot : hashed).Add(pair);
            featureColumns.Add(pair.OutputColumnName);
        }

        if (oneHot.Count > 0)
        {
            parts.Add([ml.Transforms.Categorical.OneHotEncoding([.. oneHot])]);
        }

        if (hashed.Count > 0)
        {
            parts.Add([ml.Transforms.Categorical.OneHotHashEncoding([.. hashed], numberOfBits: featurization.HashBits)]);
        }

        for (int i = 0; i < layout.TextFeatures.Count; i++)
        {
            string column = SingleSlot(ml, layout, PackedRow.TextColumn, layout.TextFeatures.Count, i, selections);
            string encoded = Invariant($"Text.{i}.Encoded");
            parts.Add([ml.Transforms.Text.FeaturizeText(encoded, column)]);
            featureColumns.Add(encoded);
        }

        return new Steps(
            parts,
            ml.Transforms.Concatenate(TrainingColumns.Features, [.. featureColumns]),
            selections.Count == 0 ? null : new TransformerChain<ITransformer>([.. selections]));
    }

    /// <summary>
    /// The layout's column each slot of the feature vector comes from, read from the featurized schema in the order
    /// <see cref="Fit"/> concatenates them: a missing-value indicator, every one-hot or hashed slot of a categorical
    /// and every n-gram of a text column map to the column they were made from. Null when the parts do not add up to
    /// <paramref name="featureSlots"/> (a model featurized some other way).
    /// </summary>
    public static string[]? SlotSources(DataViewSchema featurized, FeatureLayout layout, int featureSlots)
    {
        ArgumentNullException.ThrowIfNull(featurized);
        ArgumentNullException.ThrowIfNull(layout);
        var sources = new List<string>(featureSlots);
        if (layout.NumericFeatures.Count > 0)
        {
            AddSlots(featurized, NumericFilled, i => layout.NumericFeatures[i], sources);
            int[] withMissing = [.. layout.NumericWithMissing.Select(name => IndexIn(layout.NumericFeatures, name)).Where(i => i >= 0).Distinct().Order()];
            if (featurized.GetColumnOrNull(NumericMissingFlags) is not null)
            {
                AddSlots(featurized, NumericMissingFlags, i => i < withMissing.Length ? layout.NumericFeatures[withMissing[i]] : string.Empty, sources);
            }
        }

        for (int i = 0; i < layout.CategoricalFeatures.Count; i++)
        {
            string column = layout.CategoricalFeatures[i];
            AddSlots(featurized, Invariant($"Categorical.{i}.Encoded"), _ => column, sources);
        }

        for (int i = 0; i < layout.TextFeatures.Count; i++)
        {
            string column = layout.TextFeatures[i];
            AddSlots(featurized, Invariant($"Text.{i}.Encoded"), _ => column, sources);
        }

        return sources.Count == featureSlots && !sources.Contains(string.Empty) ? [.. sources] : null;
    }

    private static void AddSlots(DataViewSchema featurized, string part, Func<int, string> sourceOfSlot, List<string> sources)
    {
        int size = featurized.GetColumnOrNull(part)?.Type switch
        {
            VectorDataViewType vector => vector.Size,
            null => 0,
            _ => 1,
        };
        for (int i = 0; i < size; i++)
        {
            sources.Add(sourceOfSlot(i));
        }
    }

    /// <summary>The column holding slot <paramref name="slot"/> alone: the packed column itself when it has one slot.</summary>
    private static string SingleSlot(MLContext ml, FeatureLayout layout, string packedColumn, int size, int slot, List<ITransformer> selections)
    {
        if (size == 1)
        {
            return packedColumn;
        }

        string column = Invariant($"{packedColumn}.{slot}");
        selections.Add(SlotSelection.Keep(ml, layout, packedColumn, column, [slot]));
        return column;
    }

    private static int IndexIn(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed record Steps(List<IEstimator<ITransformer>[]> Parts, ColumnConcatenatingEstimator Concatenate, ITransformer? Selection);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
