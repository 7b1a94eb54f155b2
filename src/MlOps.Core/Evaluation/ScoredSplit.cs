using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Training;
using BinaryClassificationMetrics = MlOps.Core.Evaluation.Metrics.BinaryClassificationMetrics;
using MulticlassClassificationMetrics = MlOps.Core.Evaluation.Metrics.MulticlassClassificationMetrics;
using RegressionMetrics = MlOps.Core.Evaluation.Metrics.RegressionMetrics;

namespace MlOps.Core.Evaluation;

/// <summary>Reads the mapped label and the model's output from a scored split and computes the task's metrics.</summary>
internal static class ScoredSplit
{
    public const string ProbabilityColumn = "Probability";
    public const string ScoreColumn = "Score";

    public static BinaryMetrics Binary(IDataView scored, double threshold)
    {
        (bool[] labels, double[] probabilities) = BinaryScores(scored);
        return BinaryClassificationMetrics.Compute(labels, probabilities, threshold);
    }

    /// <summary>Each row's label (true: the positive class) and positive-class probability.</summary>
    public static (bool[] Labels, double[] Probabilities) BinaryScores(IDataView scored)
    {
        var labels = new List<bool>();
        var probabilities = new List<double>();
        ForEachRow(scored, ProbabilityColumn, (bool label, float probability, long _) =>
        {
            labels.Add(label);
            probabilities.Add(probability);
        });
        return ([.. labels], [.. probabilities]);
    }

    public static MulticlassMetrics Multiclass(IDataView scored)
    {
        var labels = new List<int>();
        var probabilities = new List<double[]>();
        ForEachRow(scored, ScoreColumn, (uint key, VBuffer<float> scores, long row) =>
        {
            // Key 0 is ML.NET's missing key: a label value that is not among the layout's classes.
            labels.Add(key == 0 ? throw new InvalidDataException($"Row {row + 1}: the label is not one of the layout's classes.") : (int)key - 1);
            probabilities.Add([.. scores.DenseValues().Select(p => (double)p)]);
        });
        return MulticlassClassificationMetrics.Compute(labels.ToArray(), [.. probabilities]);
    }

    public static RegressionMetricSet Regression(IDataView scored)
    {
        var actual = new List<double>();
        var predicted = new List<double>();
        ForEachRow(scored, ScoreColumn, (float label, float score, long _) =>
        {
            actual.Add(label);
            predicted.Add(score);
        });
        return RegressionMetrics.Compute(actual.ToArray(), predicted.ToArray());
    }

    private static void ForEachRow<TLabel, TOutput>(IDataView scored, string outputColumn, Action<TLabel, TOutput, long> visit)
    {
        DataViewSchema.Column labelColumn = scored.Schema[TrainingColumns.Label];
        DataViewSchema.Column output = scored.Schema[outputColumn];
        using DataViewRowCursor cursor = scored.GetRowCursor([labelColumn, output]);
        ValueGetter<TLabel> getLabel = cursor.GetGetter<TLabel>(labelColumn);
        ValueGetter<TOutput> getOutput = cursor.GetGetter<TOutput>(output);
        TLabel label = default!;
        TOutput value = default!;
        while (cursor.MoveNext())
        {
            getLabel(ref label);
            getOutput(ref value);
            visit(label, value, cursor.Position);
        }
    }
}
