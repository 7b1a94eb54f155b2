using Microsoft.ML;

namespace MlOps.Core.Training;

/// <summary>A loaded row held in memory (packed features plus the raw label), for cross-validation folds and permutations.</summary>
internal sealed class LabelledRow
{
#pragma warning disable CA1819 // ML.NET binds vector columns to array properties.
    public float[] Numeric { get; set; } = [];

    public string[] Categorical { get; set; } = [];

    public string[] Text { get; set; } = [];
#pragma warning restore CA1819

    public string RawLabel { get; set; } = string.Empty;

    public static List<LabelledRow> Read(MLContext ml, FeatureLayout layout, IDataView raw) =>
        [.. ml.Data.CreateEnumerable<LabelledRow>(raw, reuseRowObject: false, schemaDefinition: PackedSchema.For<LabelledRow>(layout))];

    public static IDataView ToDataView(MLContext ml, FeatureLayout layout, IEnumerable<LabelledRow> rows) =>
        ml.Data.LoadFromEnumerable(rows, PackedSchema.For<LabelledRow>(layout));
}
