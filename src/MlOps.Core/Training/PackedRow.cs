namespace MlOps.Core.Training;

/// <summary>
/// The model's input row: all numeric features in one vector, all categorical ones in another. One fixed type
/// serves every dataset (vector sizes are set per model), so prediction engines need no generated classes.
/// </summary>
public sealed class PackedRow
{
    public const string NumericColumn = "Numeric";
    public const string CategoricalColumn = "Categorical";

#pragma warning disable CA1819 // ML.NET binds vector columns to array fields.
    public float[] Numeric { get; set; } = [];

    public string[] Categorical { get; set; } = [];
#pragma warning restore CA1819
}
