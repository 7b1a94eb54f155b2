using Microsoft.ML.Data;

namespace MlOps.Core.Serving;

/// <summary>A row after the model's featurization: the predictor's feature column, dense.</summary>
internal sealed class FeaturizedRow
{
#pragma warning disable CA1819 // ML.NET binds vector columns to array properties.
    public float[] Features { get; set; } = [];
#pragma warning restore CA1819

    /// <summary>The output schema binding <see cref="Features"/> to the predictor's feature column.</summary>
    public static SchemaDefinition Schema(string featureColumn)
    {
        SchemaDefinition schema = SchemaDefinition.Create(typeof(FeaturizedRow));
        schema[nameof(Features)].ColumnName = featureColumn;
        return schema;
    }
}
