using System.Globalization;
using System.Text;
using Microsoft.ML;
using MlOps.Core.Specs;

namespace MlOps.Core.Training.NativeLightGbm;

/// <summary>
/// Turns LightGBM's model text into the predictor ML.NET's LightGbm trainer would have built: that trainer, given a
/// model text instead of data, parses the trees into its own ensemble with the same code it runs after training
/// (thresholds, leaf values, categorical splits swapped onto one-hot slots), and adds the same calibrator, so the
/// saved model is the same kind of artifact and serving is unchanged. Its import reads the feature count from
/// max_feature_idx and maps LightGBM columns to feature slots through the numbers in the categorical_feature
/// parameter; LightGBM wrote both over its collapsed columns, so both are rewritten over the feature vector's slots
/// (the slot count, and each column's first slot plus the slot count: what ML.NET's trainer maps with).
/// ML.NET also keeps thresholds as floats: a LightGBM threshold t (a double between two training values) rounds to
/// the nearest float, and a row whose value is that float when it lies above t (an unseen value halfway between two
/// seen ones, say) would go left in ML.NET and right in LightGBM. Each numeric threshold is therefore written as the
/// largest float not above it, which sends every float value the way t does, in LightGBM and in ML.NET alike.
/// </summary>
internal static class LightGbmModelImport
{
    public static ITransformer Predictor(MLContext ml, ModelTask task, string modelText, LightGbmMatrix matrix, IDataView featurized)
    {
        using var model = new MemoryStream(Encoding.UTF8.GetBytes(OverSlots(modelText, matrix)));
        return task == ModelTask.Binary
            ? ml.BinaryClassification.Trainers.LightGbm(model, TrainingColumns.Features).Fit(featurized)
            : (ITransformer)ml.Regression.Trainers.LightGbm(model, TrainingColumns.Features).Fit(featurized);
    }

    /// <summary>The model text with max_feature_idx and, when there are categorical columns, categorical_feature rewritten over feature slots.</summary>
    public static string OverSlots(string modelText, LightGbmMatrix matrix)
    {
        bool collapsed = matrix.Categorical.Contains(true);
        string[] lines = modelText.Split('\n');
        bool maxFeature = false;
        bool categorical = !collapsed;
        int threshold = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("threshold=", StringComparison.Ordinal))
            {
                threshold = i; // a tree's thresholds come before its decision types
            }
            else if (lines[i].StartsWith("decision_type=", StringComparison.Ordinal) && threshold >= 0)
            {
                lines[threshold] = FloatThresholds(lines[threshold], lines[i]);
                threshold = -1;
            }
            else if (!maxFeature && lines[i].StartsWith("max_feature_idx=", StringComparison.Ordinal))
            {
                lines[i] = "max_feature_idx=" + (matrix.Slots - 1).ToString(CultureInfo.InvariantCulture);
                maxFeature = true;
            }
            else if (!categorical && lines[i].StartsWith("[categorical_feature:", StringComparison.Ordinal))
            {
                lines[i] = "[categorical_feature: " + string.Join(',', matrix.ColumnStarts) + "]";
                categorical = true;
            }
        }

        return maxFeature && categorical
            ? string.Join('\n', lines)
            : throw new InvalidOperationException("LightGBM's model text has no max_feature_idx line or no categorical_feature parameter to map its columns back to feature slots.");
    }

    /// <summary>A tree's threshold line with each numeric split's threshold lowered to the largest float not above it (categorical splits hold an index, kept).</summary>
    private static string FloatThresholds(string thresholdLine, string decisionTypeLine)
    {
        string[] thresholds = thresholdLine["threshold=".Length..].Split(' ');
        string[] decisionTypes = decisionTypeLine["decision_type=".Length..].Split(' ');
        if (thresholds.Length != decisionTypes.Length)
        {
            throw new InvalidOperationException($"LightGBM's model text has {thresholds.Length} thresholds for {decisionTypes.Length} decision types in a tree.");
        }

        for (int n = 0; n < thresholds.Length; n++)
        {
            bool categoricalSplit = (int.Parse(decisionTypes[n], NumberStyles.Integer, CultureInfo.InvariantCulture) & 1) != 0;
            if (!categoricalSplit && double.TryParse(thresholds[n], NumberStyles.Float, CultureInfo.InvariantCulture, out double t) && double.IsFinite(t))
            {
                float below = (float)t;
                if (below > t)
                {
                    below = MathF.BitDecrement(below);
                }

                thresholds[n] = ((double)below).ToString("R", CultureInfo.InvariantCulture);
            }
        }

        return "threshold=" + string.Join(' ', thresholds);
    }
}
