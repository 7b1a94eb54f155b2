using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlOps.Core.Training;

/// <summary>
/// Loads a prepared split (CSV with header) into the packed schema: Numeric, Categorical and Text vectors plus the
/// raw label as text (the label mapping turns it into what the task's trainers expect).
/// </summary>
public static class TrainingDataLoader
{
    public const string RawLabelColumn = "RawLabel";

    public static IDataView Load(MLContext ml, FeatureLayout layout, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(layout);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Prepared split '{path}' does not exist.", path);
        }

        var columns = new List<TextLoader.Column> { new(RawLabelColumn, DataKind.String, layout.IndexOf(layout.Label)) };
        AddVector(columns, layout, PackedRow.NumericColumn, DataKind.Single, layout.NumericFeatures);
        AddVector(columns, layout, PackedRow.CategoricalColumn, DataKind.String, layout.CategoricalFeatures);
        AddVector(columns, layout, PackedRow.TextColumn, DataKind.String, layout.TextFeatures);

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

    /// <summary>
    /// Loads a split and reads it once into memory, so the several passes of featurization and training parse the
    /// CSV only once.
    /// </summary>
    public static IDataView LoadIntoMemory(MLContext ml, FeatureLayout layout, string path)
    {
        IDataView cached = ml.Data.Cache(Load(ml, layout, path));
        using DataViewRowCursor cursor = cached.GetRowCursor(cached.Schema);
        while (cursor.MoveNext())
        {
            // Reading every row with every column active is what fills the cache.
        }

        return cached;
    }

    private static void AddVector(List<TextLoader.Column> columns, FeatureLayout layout, string name, DataKind kind, IReadOnlyList<string> features)
    {
        if (features.Count > 0)
        {
            // ForceVector: a single feature still loads as a vector of one, the type serving's packed rows have.
            columns.Add(new(name, kind, features.Select(f => new TextLoader.Range(layout.IndexOf(f)) { ForceVector = true }).ToArray()));
        }
    }
}
