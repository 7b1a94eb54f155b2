using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Training;

namespace MlOps.Core.Specs;

/// <summary>Checks the values of a parsed spec; throws <see cref="PipelineSpecException"/> naming the first bad field.</summary>
public static class PipelineSpecValidator
{
    private static readonly string[] DriftMethods = ["ks", "chiSquared", "psi", "wasserstein", "jensenShannon"];

    public static void Validate(PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Label))
        {
            throw new PipelineSpecException("label", "is required: name the column to predict");
        }

        if (spec.Split.Test is <= 0 or >= 1)
        {
            throw new PipelineSpecException("split.test", $"must be between 0 and 1 (exclusive), got {spec.Split.Test}");
        }

        if (spec.Split.Validation is < 0 or >= 1)
        {
            throw new PipelineSpecException("split.validation", $"must be between 0 (inclusive) and 1, got {spec.Split.Validation}");
        }

        if (spec.Split.Test + spec.Split.Validation >= 0.9)
        {
            throw new PipelineSpecException("split", "leaves less than 10% of the rows for training");
        }

        foreach ((string column, PiiAction action) in spec.Pii)
        {
            if (string.IsNullOrWhiteSpace(column))
            {
                throw new PipelineSpecException("pii", "names an empty column");
            }

            if (column == spec.Label && action != PiiAction.Allow)
            {
                throw new PipelineSpecException($"pii.{column}", "is the label: a label can only be allowed");
            }
        }

        ValidateSearchSpace(spec);
        TrainingSpec training = spec.Training;
        if (training.Folds == 0 && spec.Split.Validation == 0)
        {
            throw new PipelineSpecException("split.validation", "is 0 while training.folds is 0: candidates need a validation split or k-fold cross-validation to be compared");
        }

        if (training.Folds is 1 or < 0 or > 20)
        {
            throw new PipelineSpecException("training.folds", $"must be 0 (use the validation split) or between 2 and 20, got {training.Folds}");
        }

        if (training.MaxCandidates is < 1 or > 1000)
        {
            throw new PipelineSpecException("training.maxCandidates", $"must be between 1 and 1000, got {training.MaxCandidates}");
        }

        if (training.MaxWallTime <= TimeSpan.Zero)
        {
            throw new PipelineSpecException("training.maxWallTime", "must be positive");
        }

        if (training.MaxParallel is < 1 or > 1000)
        {
            throw new PipelineSpecException("training.maxParallel", $"must be between 1 and 1000, got {training.MaxParallel}");
        }

        ValidateDecision(spec);
        if (training.Featurization.HashBits is < 1 or > 24)
        {
            throw new PipelineSpecException("training.featurization.hashBits", $"must be between 1 and 24, got {training.Featurization.HashBits}");
        }

        if (training.Featurization.OneHotMaxCardinality < 1)
        {
            throw new PipelineSpecException("training.featurization.oneHotMaxCardinality", "must be at least 1");
        }

        if (spec.Gates.MaxOverfitGap < 0)
        {
            throw new PipelineSpecException("gates.maxOverfitGap", "must not be negative");
        }

        if (spec.Gates.MaxServingCostIncrease is < 0 || (spec.Gates.MaxServingCostIncrease is double increase && double.IsNaN(increase)))
        {
            throw new PipelineSpecException("gates.maxServingCostIncrease", $"is a share of the champion's serving cost and must not be negative, got {spec.Gates.MaxServingCostIncrease}");
        }

        if (spec.Gates.MinimumGainPerDollar is < 0 || (spec.Gates.MinimumGainPerDollar is double gain && double.IsNaN(gain)))
        {
            throw new PipelineSpecException("gates.minimumGainPerDollar", $"must not be negative, got {spec.Gates.MinimumGainPerDollar}");
        }

        if (spec.Gates.MinimumImprovement is < -1 or > 1)
        {
            throw new PipelineSpecException("gates.minimumImprovement", $"must be between -1 and 1 (negative tolerates a regression that small), got {spec.Gates.MinimumImprovement}");
        }

        if (spec.Deployment.ApprovalTimeout <= TimeSpan.Zero)
        {
            throw new PipelineSpecException("deployment.approvalTimeout", "must be positive");
        }

        ValidateValidation(spec.Validation);
        ValidateMonitoring(spec.Monitoring);
        if (spec.Budget.Monthly is <= 0 || (spec.Budget.Monthly is double monthly && double.IsNaN(monthly)))
        {
            throw new PipelineSpecException("budget.monthly", $"must be positive (leave it out for no monthly limit), got {spec.Budget.Monthly}");
        }

        if (spec.Budget.PerRun is <= 0 || (spec.Budget.PerRun is double perRun && double.IsNaN(perRun)))
        {
            throw new PipelineSpecException("budget.perRun", $"must be positive (leave it out for no limit per run), got {spec.Budget.PerRun}");
        }

        if (spec.Budget.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new PipelineSpecException("budget.currency", $"must be a three-letter ISO 4217 code such as USD, got '{spec.Budget.Currency}'");
        }

        if (spec.Budget.AlertAt.Any(a => a is <= 0 or > 10))
        {
            throw new PipelineSpecException("budget.alertAt", "holds shares of the limit: each must be above 0 and at most 10");
        }

        if (spec.Columns.TryGetValue(spec.Label, out ColumnSpec? labelColumn) && labelColumn.Kind == Data.Inference.ColumnKind.Ignore)
        {
            throw new PipelineSpecException($"columns.{spec.Label}.kind", "ignores the label column");
        }

        if (spec.Ignore.Contains(spec.Label, StringComparer.Ordinal))
        {
            throw new PipelineSpecException("ignore", $"lists the label column '{spec.Label}'");
        }
    }

    /// <summary>Trainers, their parameters and grids, and metric names, as the search space and evaluator know them.</summary>
    private static void ValidateSearchSpace(PipelineSpec spec)
    {
        IReadOnlyList<string> trainers = SearchSpace.KnownTrainers(spec.Task);
        for (int i = 0; i < spec.Training.Trainers.Count; i++)
        {
            string name = spec.Training.Trainers[i].Name;
            if (!trainers.Contains(name, StringComparer.Ordinal))
            {
                throw new PipelineSpecException($"training.trainers[{i}].name", $"'{name}' is not a {spec.Task} trainer ({string.Join(", ", trainers)})");
            }
        }

        try
        {
            _ = SearchSpace.Enumerate(spec.Training, spec.Task);
        }
        catch (ArgumentException ex)
        {
            throw new PipelineSpecException("training.trainers", ex.Message);
        }

        IReadOnlyList<string> metrics = MetricNames.For(spec.Task);
        if (spec.Training.SelectionMetric is { } selection && !metrics.Contains(selection, StringComparer.Ordinal))
        {
            throw new PipelineSpecException("training.selectionMetric", $"'{selection}' is not a {spec.Task} metric ({string.Join(", ", metrics)})");
        }

        string? unknown = spec.Gates.Minimums.Keys.FirstOrDefault(k => !metrics.Contains(k, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new PipelineSpecException($"gates.minimums.{unknown}", $"is not a {spec.Task} metric ({string.Join(", ", metrics)})");
        }
    }

    /// <summary>The decision threshold and class weights, which only classifiers have.</summary>
    private static void ValidateDecision(PipelineSpec spec)
    {
        if (spec.Training.Threshold is { } threshold)
        {
            if (spec.Task != ModelTask.Binary)
            {
                throw new PipelineSpecException("training.threshold", $"applies to binary tasks only, not {spec.Task}");
            }

            if (threshold.Rule == ThresholdRule.Fixed && !(threshold.Value is > 0 and < 1))
            {
                throw new PipelineSpecException("training.threshold", $"must be a probability between 0 and 1 (exclusive), \"{ThresholdSpec.MaxF1Name}\" or \"{ThresholdSpec.BalancedName}\", got {threshold}");
            }
        }

        if (spec.Training.ClassWeights != ClassWeighting.None && spec.Task == ModelTask.Regression)
        {
            throw new PipelineSpecException("training.classWeights", "applies to classification tasks only, not Regression");
        }
    }

    private static void ValidateValidation(ValidationSpec v)
    {
        Share("validation.maxMissingRate", v.MaxMissingRate);
        Share("validation.maxTypeErrorRate", v.MaxTypeErrorRate);
        Share("validation.maxDuplicateRate", v.MaxDuplicateRate);
        Share("validation.minClassShare", v.MinClassShare);
        if (v.MinRows < 3)
        {
            throw new PipelineSpecException("validation.minRows", $"must be at least 3, got {v.MinRows}");
        }

        if (v.MinRowsPerClass < 1)
        {
            throw new PipelineSpecException("validation.minRowsPerClass", $"must be at least 1, got {v.MinRowsPerClass}");
        }
    }

    /// <summary>The longest history the cost monitor compares a day with.</summary>
    public const int MaxCostBaselineDays = 28;

    private static void ValidateMonitoring(MonitoringSpec m)
    {
        if (m.Cost.AnomalyThreshold <= 0 || double.IsNaN(m.Cost.AnomalyThreshold))
        {
            throw new PipelineSpecException("monitoring.cost.anomalyThreshold", $"must be positive (0.5 = 50 % above the mean), got {m.Cost.AnomalyThreshold}");
        }

        if (m.Cost.BaselineDays is < 1 or > MaxCostBaselineDays)
        {
            throw new PipelineSpecException("monitoring.cost.baselineDays", $"must be between 1 and {MaxCostBaselineDays}, got {m.Cost.BaselineDays}");
        }

        if (m.Window <= TimeSpan.Zero)
        {
            throw new PipelineSpecException("monitoring.window", "must be positive");
        }

        Share("monitoring.drift.pValueThreshold", m.Drift.PValueThreshold);
        Share("monitoring.drift.datasetShare", m.Drift.DatasetShare);
        Share("monitoring.drift.jensenShannonThreshold", m.Drift.JensenShannonThreshold);
        if (m.Drift.WassersteinThreshold <= 0 || m.Drift.PsiThreshold <= 0)
        {
            throw new PipelineSpecException("monitoring.drift", "distance thresholds must be positive");
        }

        if (m.Drift.SampleCap is < 100 or > 10_000_000)
        {
            throw new PipelineSpecException("monitoring.drift.sampleCap", $"must be between 100 and 10,000,000, got {m.Drift.SampleCap}");
        }

        if (m.Drift.Method is not null && !DriftMethods.Contains(m.Drift.Method, StringComparer.Ordinal))
        {
            throw new PipelineSpecException("monitoring.drift.method", $"'{m.Drift.Method}' is not one of {string.Join(", ", DriftMethods)}");
        }

        if (m.Decay.MaxDrop < 0 || m.Decay.MinLabels < 1)
        {
            throw new PipelineSpecException("monitoring.decay", "maxDrop must not be negative and minLabels must be at least 1");
        }

        if (m.Serving.MaxErrorRate is < 0 or > 1 || double.IsNaN(m.Serving.MaxErrorRate))
        {
            throw new PipelineSpecException("monitoring.serving.maxErrorRate", $"must be between 0 and 1, got {m.Serving.MaxErrorRate}");
        }

        if (!(m.Serving.MaxP95Ms > 0) || m.Serving.MinRequests < 1)
        {
            throw new PipelineSpecException("monitoring.serving", "maxP95Ms must be positive and minRequests at least 1");
        }

        if (m.Retrain.Cooldown < TimeSpan.Zero)
        {
            throw new PipelineSpecException("monitoring.retrain.cooldown", "must not be negative");
        }
    }

    private static void Share(string field, double value)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new PipelineSpecException(field, $"must be between 0 and 1, got {value}");
        }
    }
}
