using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>
/// Adds each training row's weight by its class (<see cref="ClassWeighting.Balanced"/>: rows / (classes × rows of the
/// class), counted on the rows being fit), as the <see cref="TrainingColumns.Weight"/> column the trainers read.
/// Like the label mapping, it shapes training only and is not part of the saved model.
/// </summary>
internal static class ClassWeights
{
    /// <param name="labelled">Rows with the raw label column (<see cref="TrainingDataLoader.RawLabelColumn"/>).</param>
    public static IDataView Apply(MLContext ml, IDataView labelled)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        DataViewSchema.Column raw = labelled.Schema[TrainingDataLoader.RawLabelColumn];
        using (DataViewRowCursor cursor = labelled.GetRowCursor([raw]))
        {
            ValueGetter<ReadOnlyMemory<char>> getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(raw);
            ReadOnlyMemory<char> label = default;
            while (cursor.MoveNext())
            {
                getLabel(ref label);
                string name = label.ToString();
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }

        long rows = counts.Values.Sum();
        IEnumerable<KeyValuePair<string, float>> weights = counts.Select(c => new KeyValuePair<string, float>(c.Key, (float)((double)rows / (counts.Count * c.Value))));
        return ml.Transforms.Conversion.MapValue(TrainingColumns.Weight, weights, TrainingDataLoader.RawLabelColumn).Fit(labelled).Transform(labelled);
    }
}
