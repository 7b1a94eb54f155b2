using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>Loads a prepared split (CSV with header) into the packed schema: Numeric and Categorical vectors plus the raw label.</summary>
public static class TrainingDataLoader
{
    public const string RawLabelColumn = "RawLabel";

    public static IDataView Load(MLContext ml, FeatureLayout layout, string path)
    {
        var columns = new List<TextLoader.Column>
        {
            new(RawLabelColumn, layout.Task == ModelTask.Regression ? DataKind.Single : DataKind.String, layout.IndexOf(layout.Label)),
            new(PackedRow.NumericColumn, DataKind.Single, layout.NumericFeatures.Select(f => new TextLoader.Range(layout.IndexOf(f))).ToArray()),
        };
        if (layout.CategoricalFeatures.Count > 0)
        {
            columns.Add(new(PackedRow.CategoricalColumn, DataKind.String, layout.CategoricalFeatures.Select(f => new TextLoader.Range(layout.IndexOf(f))).ToArray()));
        }

        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = [','],
            HasHeader = true,
            AllowQuoting = true,
            ReadMultilines = true,
            MissingRealsAsNaNs = true,
            Columns = [.. columns],
        });
        return loader.Load(path);
    }
}
