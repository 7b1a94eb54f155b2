using Microsoft.ML;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using MlOps.Core.Training.NativeLightGbm;

namespace MlOps.Core.Tests.Training.NativeLightGbm;

public sealed class LightGbmMatrixTests
{
    [Fact]
    public void Read_OneHotAndHashedCategoricals_OneColumnEachHoldingTheHotSlot()
    {
        (LightGbmMatrix matrix, _) = Featurized(categoricalSplits: true, parallelism: 1);

        // signal, noise, signal's missing flag, then color (one-hot, 3 slots) and city (hashed, 2^12 slots).
        Assert.Equal(5, matrix.Columns);
        Assert.Equal([false, false, false, true, true], matrix.Categorical);
        Assert.Equal([0, 1, 2, 3, 6, 6 + 4096], matrix.ColumnStarts);
        float[] colors = [.. Enumerable.Range(0, matrix.Rows).Select(r => matrix.Values[(r * matrix.Columns) + 3])];
        Assert.Equal([0f, 1f, 2f], colors.Distinct().Order());
        float[] cities = [.. Enumerable.Range(0, matrix.Rows).Select(r => matrix.Values[(r * matrix.Columns) + 4])];
        Assert.All(cities, c => Assert.True(c >= 0 && c < 4096 && c == MathF.Floor(c), $"city {c}"));
        Assert.Equal([0f, 1f], matrix.Labels.Distinct().Order());
    }

    [Fact]
    public void Read_WithoutCategoricalSplits_EverySlotAColumn()
    {
        (LightGbmMatrix matrix, _) = Featurized(categoricalSplits: false, parallelism: 1);

        Assert.Equal(3 + 3 + 4096, matrix.Columns);
        Assert.DoesNotContain(true, matrix.Categorical);
    }

    [Fact]
    public void Read_SeveralCursors_SameMatrixAsOne()
    {
        (LightGbmMatrix inOrder, _) = Featurized(categoricalSplits: true, parallelism: 1);
        (LightGbmMatrix parallel, int cursors) = Featurized(categoricalSplits: true, parallelism: 4);

        Assert.True(cursors > 1, "the cached view gives several cursors");
        Assert.Equal(inOrder.Rows, parallel.Rows);
        Assert.Equal(inOrder.Values.AsSpan(0, inOrder.Rows * inOrder.Columns).ToArray(), parallel.Values);
        Assert.Equal(inOrder.Labels.AsSpan(0, inOrder.Rows).ToArray(), parallel.Labels);
    }

    /// <summary>The mixed dataset (without text) featurized as the native path does, read into a matrix.</summary>
    private static (LightGbmMatrix Matrix, int Cursors) Featurized(bool categoricalSplits, int parallelism)
    {
        using var directory = new TemporaryDirectory();
        FeatureLayout layout = MixedDataset.LayoutWithoutText;
        var ml = new MLContext(1);
        IDataView labelled = MixedDataset.Labelled(ml, layout, directory.File("mixed.csv"), rows: 5000, seed: 3);
        (IEstimator<ITransformer> chain, ITransformer? selection) = FeaturePipeline.Featurization(ml, layout, new FeaturizationSpec(), normalize: false);
        IDataView input = selection!.Transform(labelled);
        IDataView featurized = chain.Fit(input).Transform(input);
        DataViewRowCursor[] set = featurized.GetRowCursorSet(featurized.Schema, parallelism);
        int cursors = set.Length;
        foreach (DataViewRowCursor cursor in set)
        {
            cursor.Dispose();
        }

        return (LightGbmMatrix.Read(featurized, categoricalSplits, weightColumn: null, parallelism, CancellationToken.None), cursors);
    }
}
