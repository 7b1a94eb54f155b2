using MlOps.Core.Evaluation.Metrics;

namespace MlOps.Core.Evaluation;

/// <summary>
/// A model's k-fold cross-validated quality: each metric's mean and spread over the folds, how many folds, and which
/// rows the folds were cut from (the train and validation splits; the test split stays out of them, so the test
/// metrics remain an independent check).
/// </summary>
public sealed record CrossValidationSummary
{
    public const string TrainAndValidation = "train and validation splits; the test split is held out";

    public int Folds { get; init; }

    /// <summary>The rows the folds were cut from; each row is scored once, by the model that did not see it.</summary>
    public long Rows { get; init; }

    /// <summary>Which rows those are, in words.</summary>
    public string Covers { get; init; } = TrainAndValidation;

    /// <summary>By metric name (rows and threshold are not metrics and are left out).</summary>
    public Dictionary<string, MetricSpread> Metrics { get; init; } = [];

    /// <summary>The summary of per-fold metric sets: the metrics every fold has, with their mean and standard deviation.</summary>
    public static CrossValidationSummary Of(IReadOnlyList<IReadOnlyDictionary<string, double>> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        var metrics = new Dictionary<string, MetricSpread>();
        if (folds.Count > 0)
        {
            foreach (string metric in folds[0].Keys.Where(k => k is not NamedMetrics.Rows and not MetricNames.Threshold && folds.All(f => f.ContainsKey(k))))
            {
                double mean = folds.Sum(f => f[metric]) / folds.Count;
                double variance = folds.Sum(f => (f[metric] - mean) * (f[metric] - mean)) / folds.Count;
                metrics[metric] = new MetricSpread(mean, Math.Sqrt(variance));
            }
        }

        return new CrossValidationSummary
        {
            Folds = folds.Count,
            Rows = (long)folds.Sum(f => f.GetValueOrDefault(NamedMetrics.Rows)),
            Metrics = metrics,
        };
    }

    /// <summary>The means as a metric set (what candidates are ranked by), with the rows and, for a classifier, the threshold.</summary>
    public Dictionary<string, double> Means(double? threshold)
    {
        Dictionary<string, double> means = Metrics.ToDictionary(m => m.Key, m => m.Value.Mean);
        means[NamedMetrics.Rows] = Rows;
        means["folds"] = Folds;
        if (threshold is double t)
        {
            means[MetricNames.Threshold] = t;
        }

        return means;
    }
}
