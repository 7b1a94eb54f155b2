using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlOps.Core.Training;

/// <summary>
/// Sets the packed vectors' sizes for one layout. ML.NET needs fixed-size vectors to train and to build prediction
/// engines; a packed column the layout leaves empty is removed, as the loader never produces it.
/// </summary>
public static class PackedSchema
{
    /// <summary>A schema definition for <typeparamref name="TRow"/> (a type with Numeric, Categorical and Text array members).</summary>
    public static SchemaDefinition For<TRow>(FeatureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        SchemaDefinition schema = SchemaDefinition.Create(typeof(TRow));
        Size(schema, PackedRow.NumericColumn, NumberDataViewType.Single, layout.NumericFeatures.Count);
        Size(schema, PackedRow.CategoricalColumn, TextDataViewType.Instance, layout.CategoricalFeatures.Count);
        Size(schema, PackedRow.TextColumn, TextDataViewType.Instance, layout.TextFeatures.Count);
        return schema;
    }

    /// <summary>Wraps packed rows as a data view with this layout's vector sizes (lazily: the rows are read as the view is).</summary>
    public static IDataView ToDataView(MLContext ml, FeatureLayout layout, IEnumerable<PackedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.Data.LoadFromEnumerable(rows, For<PackedRow>(layout));
    }

    private static void Size(SchemaDefinition schema, string column, PrimitiveDataViewType itemType, int size)
    {
        if (size == 0)
        {
            schema.Remove(schema[column]);
        }
        else
        {
            schema[column].ColumnType = new VectorDataViewType(itemType, size);
        }
    }
}
