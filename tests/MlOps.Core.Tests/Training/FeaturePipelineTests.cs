using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

public sealed class FeaturePipelineTests
{
    [Fact]
    public void FitFeaturization_PartsSideBySide_SameChainAndFeaturesAsTheChainsFit()
    {
        using var directory = new TemporaryDirectory();
        // Every kind of part: imputation means, missing flags, one-hot and hashed categoricals, text n-grams.
        FeatureLayout layout = MixedDataset.Layout;
        var ml = new MLContext(1);
        IDataView labelled = MixedDataset.Labelled(ml, layout, directory.File("mixed.csv"), rows: 1000, seed: 4);
        (IEstimator<ITransformer> chain, ITransformer? selection) = FeaturePipeline.Featurization(ml, layout, new FeaturizationSpec(), normalize: false);
        IDataView input = selection!.Transform(labelled);
        ITransformer inOrder = chain.Fit(input);

        (TransformerChain<ITransformer> sideBySide, ITransformer? sameSelection) = FeaturePipeline.FitFeaturization(ml, layout, new FeaturizationSpec(), labelled, parallelism: 2);

        Assert.NotNull(sameSelection);
        // Each part's chain holds everything before it, as the typed Append calls have always nested them.
        string shape = Shape(inOrder);
        Assert.StartsWith("[[[[[[MissingValueReplacingTransformer], MissingValueIndicatorTransformer, TypeConvertingTransformer], OneHotEncodingTransformer], OneHotHashEncodingTransformer], ", shape, StringComparison.Ordinal);
        Assert.EndsWith("], ColumnConcatenatingTransformer]", shape, StringComparison.Ordinal);
        Assert.Equal(shape, Shape(sideBySide));
        float[][] expected = Features(inOrder.Transform(input));
        float[][] actual = Features(sideBySide.Transform(sameSelection.Transform(labelled)));
        Assert.Equal(1000, actual.Length);
        Assert.Equal(expected, actual);
    }

    /// <summary>The transformers' types with their nesting, e.g. [[[MissingValueReplacingTransformer], OneHotEncodingTransformer], ...].</summary>
    private static string Shape(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain
            ? "[" + string.Join(", ", chain.Select(Shape)) + "]"
            : transformer.GetType().Name;

    private static float[][] Features(IDataView featurized)
    {
        var rows = new List<float[]>();
        using DataViewRowCursor cursor = featurized.GetRowCursor([featurized.Schema[TrainingColumns.Features]]);
        ValueGetter<VBuffer<float>> getter = cursor.GetGetter<VBuffer<float>>(featurized.Schema[TrainingColumns.Features]);
        VBuffer<float> vector = default;
        while (cursor.MoveNext())
        {
            getter(ref vector);
            rows.Add(vector.DenseValues().ToArray());
        }

        return [.. rows];
    }
}
