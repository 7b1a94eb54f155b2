using Microsoft.ML;

namespace MlOps.Core.Training;

/// <summary>
/// Copies chosen slots of a packed vector into a column of their own, as a transformer saved with the model.
/// ML.NET's slot-dropping transform has no public constructor; its count-based feature selection builds one, so it is
/// fitted on a single synthetic row whose only non-default values sit in the wanted slots.
/// </summary>
internal static class SlotSelection
{
    public static ITransformer Keep(MLContext ml, FeatureLayout layout, string inputColumn, string outputColumn, IReadOnlyCollection<int> slots)
    {
        var marker = new PackedRow
        {
            Numeric = new float[layout.NumericFeatures.Count],
            Categorical = Enumerable.Repeat(string.Empty, layout.CategoricalFeatures.Count).ToArray(),
            Text = Enumerable.Repeat(string.Empty, layout.TextFeatures.Count).ToArray(),
        };
        foreach (int slot in slots)
        {
            switch (inputColumn)
            {
                case PackedRow.NumericColumn:
                    marker.Numeric[slot] = 1;
                    break;
                case PackedRow.CategoricalColumn:
                    marker.Categorical[slot] = "x";
                    break;
                default:
                    marker.Text[slot] = "x";
                    break;
            }
        }

        IDataView markerView = PackedSchema.ToDataView(ml, layout, [marker]);
        return ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(outputColumn, inputColumn, count: 1).Fit(markerView);
    }
}
