using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>
/// Turns the raw label text into what the task's trainers expect: binary, positive class → true; multiclass, a key
/// in <see cref="FeatureLayout.Classes"/> order; regression, a Single. Applied before the model, never saved in it:
/// serving never sees labels.
/// </summary>
public static class LabelMapping
{
    public static IEstimator<ITransformer> For(MLContext ml, FeatureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(layout);
        switch (layout.Task)
        {
            case ModelTask.Binary:
                string positive = layout.PositiveClass ?? throw new InvalidOperationException("A binary layout needs a positive class.");
                var pairs = layout.Classes.Select(c => new KeyValuePair<string, bool>(c, c == positive));
                return ml.Transforms.Conversion.MapValue(TrainingColumns.Label, pairs, TrainingDataLoader.RawLabelColumn);
            case ModelTask.Multiclass:
                if (layout.Classes.Count < 2)
                {
                    throw new InvalidOperationException("A multiclass layout needs at least two classes.");
                }

                IDataView classes = ml.Data.LoadFromEnumerable(layout.Classes.Select(c => new ClassValue { Value = c }));
                return ml.Transforms.Conversion.MapValueToKey(TrainingColumns.Label, TrainingDataLoader.RawLabelColumn, keyData: classes);
            default:
                return ml.Transforms.Conversion.ConvertType(TrainingColumns.Label, TrainingDataLoader.RawLabelColumn, DataKind.Single);
        }
    }

    /// <summary>Maps the label of a loaded split.</summary>
    public static IDataView Apply(MLContext ml, FeatureLayout layout, IDataView raw) => For(ml, layout).Fit(raw).Transform(raw);

    private sealed class ClassValue
    {
        public string Value { get; set; } = string.Empty;
    }
}
