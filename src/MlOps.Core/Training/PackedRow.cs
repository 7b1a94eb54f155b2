namespace MlOps.Core.Training;

/// <summary>
/// The model's input row: all numeric features in one vector, all categorical ones in another, all text ones in a
/// third. One fixed type serves every dataset (vector sizes are set per model by <see cref="PackedSchema"/>), so
/// prediction engines need no generated classes.
/// </summary>
public sealed class PackedRow
{
    public const string NumericColumn = "Numeric";
    public const string CategoricalColumn = "Categorical";
    public const string TextColumn = "Text";

#pragma warning disable CA1819 // ML.NET binds vector columns to array properties.
    public float[] Numeric { get; set; } = [];

    public string[] Categorical { get; set; } = [];

    public string[] Text { get; set; } = [];
#pragma warning restore CA1819
}
