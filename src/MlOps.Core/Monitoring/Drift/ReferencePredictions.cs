using MlOps.Core.Data.Profiling;
using MlOps.Core.Serving;
using MlOps.Core.Specs;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// The reference for prediction drift: what the model answered on data it was evaluated on (its test split), in
/// the form the window's outputs take: positive-class probabilities (binary) or predicted values (regression) in
/// <see cref="Values"/>, predicted label counts (multiclass) in <see cref="Labels"/>. Small enough to store beside the
/// version (one number per test row).
/// </summary>
public sealed record ReferencePredictions
{
    /// <summary>Where the predictions came from ("v3 on its test split").</summary>
    public string Source { get; init; } = string.Empty;

    public IReadOnlyList<double>? Values { get; init; }

    public IReadOnlyList<CategoryCount>? Labels { get; init; }

    /// <summary>Builds the reference from a version's predictions on its test split.</summary>
    public static ReferencePredictions From(IEnumerable<Prediction> predictions, ModelTask task, string source)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return task switch
        {
            ModelTask.Binary => new ReferencePredictions
            {
                Source = source,
                Values = [.. predictions.Select(p => p.Probability).OfType<double>()],
            },
            ModelTask.Regression => new ReferencePredictions { Source = source, Values = [.. predictions.Select(p => p.Score)] },
            _ => new ReferencePredictions
            {
                Source = source,
                Labels = [.. predictions.Where(p => p.Label is not null).GroupBy(p => p.Label!, StringComparer.Ordinal)
                    .Select(g => new CategoryCount(g.Key, g.LongCount())).OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal)],
            },
        };
    }
}
