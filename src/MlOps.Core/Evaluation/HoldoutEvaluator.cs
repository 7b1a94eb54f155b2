using Microsoft.ML;
using MlOps.Core.Registry;
using MlOps.Core.Training;

namespace MlOps.Core.Evaluation;

/// <summary>Scores models on a holdout split: the challenger, and the production champion on the very same rows.</summary>
public static class HoldoutEvaluator
{
    public static ITransformer Load(byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        return new MLContext(seed: 0).Model.Load(stream, out _);
    }

    /// <summary>
    /// Scores the champion on the challenger's test split, at its own decision threshold. Returns null with a reason when the champion cannot read
    /// this data (a feature it needs is no longer there).
    /// </summary>
    public static (Dictionary<string, double>? Metrics, string? Problem) EvaluateChampion(
        ModelVersionRecord champion, byte[] artifact, FeatureLayout current, string testPath, int seed)
    {
        string? missing = champion.Layout.AllFeatures.FirstOrDefault(f => !current.Columns.Contains(f));
        if (missing is not null)
        {
            return (null, $"production v{champion.Version} needs column '{missing}', which this dataset no longer has");
        }

        if (champion.Layout.Label != current.Label)
        {
            return (null, $"production v{champion.Version} predicts '{champion.Layout.Label}', which this dataset does not have (its label is '{current.Label}')");
        }

        if (champion.Layout.Task != current.Task || champion.Layout.PositiveClass != current.PositiveClass)
        {
            return (null, $"production v{champion.Version} predicts a different task or positive class");
        }

        if (!champion.Layout.Classes.Order(StringComparer.Ordinal).SequenceEqual(current.Classes.Order(StringComparer.Ordinal)))
        {
            return (null, $"production v{champion.Version} predicts a different set of classes ({string.Join(", ", champion.Layout.Classes)})");
        }

        // The champion's scores follow its own class order, so its layout keeps its classes; only the column positions move.
        FeatureLayout remapped = champion.Layout with { Columns = current.Columns };
        return (ModelEvaluator.Evaluate(Load(artifact), remapped, testPath, seed, champion.DecisionThreshold), null);
    }
}
