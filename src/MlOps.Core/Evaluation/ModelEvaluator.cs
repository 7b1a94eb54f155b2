using Microsoft.ML;
using MlOps.Core.Training;

namespace MlOps.Core.Evaluation;

/// <summary>Scores a prepared split with a trained model and computes the task's holdout metrics.</summary>
public static class ModelEvaluator
{
    public static Dictionary<string, double> Evaluate(ITransformer model, FeatureLayout layout, string splitPath, int seed)
    {
        var ml = new MLContext(seed);
        IDataView raw = TrainingDataLoader.Load(ml, layout, splitPath);
        IDataView labelled = ModelTrainer.MapLabel(ml, layout).Fit(raw).Transform(raw);
        IDataView scored = model.Transform(labelled);
        var metrics = ml.BinaryClassification.Evaluate(scored, ModelTrainer.LabelColumn);
        return new Dictionary<string, double>
        {
            ["auc"] = metrics.AreaUnderRocCurve,
            ["accuracy"] = metrics.Accuracy,
            ["f1"] = metrics.F1Score,
            ["precision"] = metrics.PositivePrecision,
            ["recall"] = metrics.PositiveRecall,
            ["logLoss"] = metrics.LogLoss,
            ["rows"] = scored.GetRowCount() ?? CountRows(scored),
        };
    }

    private static long CountRows(IDataView data)
    {
        long rows = 0;
        using DataViewRowCursor cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            rows++;
        }

        return rows;
    }
}
