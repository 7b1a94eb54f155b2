using Microsoft.ML;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Evaluation;

/// <summary>
/// Permutation feature importance per raw column (numeric, categorical and text), measured on a split: shuffle one
/// column's values across the rows with a seeded permutation, re-score, and record how much the metric got worse.
/// Unlike ML.NET's built-in importance, which works on featurized slots, this names the columns a user sent.
/// </summary>
public static class PermutationImportance
{
    /// <summary>Splits larger than this are measured on a seeded sample of this many rows, which ranks features just as well.</summary>
    public const int MaxRows = 20_000;

    /// <summary>The <paramref name="top"/> most important features, most important first (ties by name).</summary>
    /// <param name="metric">A metric of the task (see <see cref="ModelEvaluator.MetricNames"/>); for losses and errors, the importance is the increase.</param>
    /// <param name="threshold">A binary model's decision threshold, for the threshold metrics.</param>
    public static IReadOnlyList<FeatureImportance> Compute(ITransformer model, FeatureLayout layout, string splitPath, string metric, int seed, int top = 10, double threshold = ModelEvaluator.Threshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layout);
        if (!ModelEvaluator.MetricNames(layout.Task).Contains(metric))
        {
            throw new ArgumentException($"Metric '{metric}' is not computed for {layout.Task} (known: {string.Join(", ", ModelEvaluator.MetricNames(layout.Task))}).", nameof(metric));
        }

        var ml = new MLContext(seed);
        List<LabelledRow> rows = LabelledRow.Read(ml, layout, TrainingDataLoader.Load(ml, layout, splitPath));
        if (rows.Count > MaxRows)
        {
            var sample = new Random(seed);
            rows = [.. rows.OrderBy(_ => sample.Next()).Take(MaxRows)];
        }

        IDataView view = LabelledRow.ToDataView(ml, layout, rows);
        double baseline = ModelEvaluator.Evaluate(ml, model, layout, view, threshold)[metric];
        var importances = new List<FeatureImportance>();
        int feature = 0;
        foreach (PackedSlot slot in Slots(layout))
        {
            var random = new Random(StableSeed.Combine(seed, feature++));
            slot.Shuffle(rows, random);
            double permuted = ModelEvaluator.Evaluate(ml, model, layout, view, threshold)[metric];
            slot.Restore(rows);
            importances.Add(new FeatureImportance(slot.Feature, MetricDirection.Improvement(metric, baseline, permuted)));
        }

        return [.. importances.OrderByDescending(i => i.Importance).ThenBy(i => i.Feature, StringComparer.Ordinal).Take(top)];
    }

    private static IEnumerable<PackedSlot> Slots(FeatureLayout layout)
    {
        for (int i = 0; i < layout.NumericFeatures.Count; i++)
        {
            yield return new PackedSlot(layout.NumericFeatures[i], r => r.Numeric, i);
        }

        for (int i = 0; i < layout.CategoricalFeatures.Count; i++)
        {
            yield return new PackedSlot(layout.CategoricalFeatures[i], r => r.Categorical, i);
        }

        for (int i = 0; i < layout.TextFeatures.Count; i++)
        {
            yield return new PackedSlot(layout.TextFeatures[i], r => r.Text, i);
        }
    }

    /// <summary>One raw column: a slot of one of the packed vectors, shuffled in place and put back.</summary>
    private sealed class PackedSlot(string feature, Func<LabelledRow, Array> vector, int slot)
    {
        private object?[] _original = [];

        public string Feature => feature;

        public void Shuffle(List<LabelledRow> rows, Random random)
        {
            _original = [.. rows.Select(r => vector(r).GetValue(slot))];
            object?[] shuffled = [.. _original];
            random.Shuffle(shuffled);
            for (int i = 0; i < rows.Count; i++)
            {
                vector(rows[i]).SetValue(shuffled[i], slot);
            }
        }

        public void Restore(List<LabelledRow> rows)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                vector(rows[i]).SetValue(_original[i], slot);
            }
        }
    }
}
