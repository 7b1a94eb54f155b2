using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Evaluation.Metrics;
using BinaryClassificationMetrics = MlOps.Core.Evaluation.Metrics.BinaryClassificationMetrics;
using MulticlassClassificationMetrics = MlOps.Core.Evaluation.Metrics.MulticlassClassificationMetrics;
using RegressionMetrics = MlOps.Core.Evaluation.Metrics.RegressionMetrics;
using MlOps.Core.Training;

namespace MlOps.Core.Evaluation;

/// <summary>Reads the mapped label and the model's output from a scored split and computes the task's metrics.</summary>
internal static class ScoredSplit
{
    public const string ProbabilityColumn = "Probability";
    public const string ScoreColumn = "Score";

    public static BinaryMetrics Binary(IDataView scored)
    {
        var labels = new List<bool>();
        var probabilities = new List<double>();
        DataViewSchema.Column labelColumn = scored.Schema[TrainingColumns.Label];
        DataViewSchema.Column probabilityColumn = scored.Schema[ProbabilityColumn];
        using DataViewRowCursor cursor = scored.GetRowCursor([labelColumn, probabilityColumn]);
        ValueGetter<bool> label = cursor.GetGetter<bool>(labelColumn);
        ValueGetter<float> probability = cursor.GetGetter<float>(probabilityColumn);
        bool labelValue = default;
        float probabilityValue = default;
        while (cursor.MoveNext())
        {
            label(ref labelValue);
            probability(ref probabilityValue);
            labels.Add(labelValue);
            probabilities.Add(probabilityValue);
        }

        return BinaryClassificationMetrics.Compute(labels.ToArray(), probabilities.ToArray(), ModelEvaluator.Threshold);
    }

    public static MulticlassMetrics Multiclass(IDataView scored)
    {
        var labels = new List<int>();
        var probabilities = new List<double[]>();
        DataViewSchema.Column labelColumn = scored.Schema[TrainingColumns.Label];
        DataViewSchema.Column scoreColumn = scored.Schema[ScoreColumn];
        using DataViewRowCursor cursor = scored.GetRowCursor([labelColumn, scoreColumn]);
        ValueGetter<uint> label = cursor.GetGetter<uint>(labelColumn);
        ValueGetter<VBuffer<float>> score = cursor.GetGetter<VBuffer<float>>(scoreColumn);
        uint key = default;
        VBuffer<float> scores = default;
        while (cursor.MoveNext())
        {
            label(ref key);
            if (key == 0)
            {
                throw new InvalidDataException($"Row {cursor.Position + 1}: the label is not one of the layout's classes.");
            }

            score(ref scores);
            labels.Add((int)key - 1);
            probabilities.Add([.. scores.DenseValues().Select(p => (double)p)]);
        }

        return MulticlassClassificationMetrics.Compute(labels.ToArray(), [.. probabilities]);
    }

    public static RegressionMetricSet Regression(IDataView scored)
    {
        var actual = new List<double>();
        var predicted = new List<double>();
        DataViewSchema.Column labelColumn = scored.Schema[TrainingColumns.Label];
        DataViewSchema.Column scoreColumn = scored.Schema[ScoreColumn];
        using DataViewRowCursor cursor = scored.GetRowCursor([labelColumn, scoreColumn]);
        ValueGetter<float> label = cursor.GetGetter<float>(labelColumn);
        ValueGetter<float> score = cursor.GetGetter<float>(scoreColumn);
        float labelValue = default;
        float scoreValue = default;
        while (cursor.MoveNext())
        {
            label(ref labelValue);
            score(ref scoreValue);
            actual.Add(labelValue);
            predicted.Add(scoreValue);
        }

        return RegressionMetrics.Compute(actual.ToArray(), predicted.ToArray());
    }
}
