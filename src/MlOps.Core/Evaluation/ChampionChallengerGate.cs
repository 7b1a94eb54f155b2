using System.Globalization;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;

namespace MlOps.Core.Evaluation;

/// <summary>
/// Decides whether a challenger may replace production: every absolute minimum of the spec must hold, and the
/// challenger must beat the champion (scored on the same test split) by the spec's minimum improvement, and, when the
/// spec says overfitting fails the gate, its train/test gap must be within the spec's maximum (otherwise the gap is
/// only a recorded warning). A production version that exists but cannot be scored fails the gate, unless the schema
/// changed (then no comparison is possible and the schema change itself stops automatic promotion); it is never
/// mistaken for "no production". With the cost gates set, the challenger's serving cost per 1,000 predictions may
/// exceed the champion's by at most gates.maxServingCostIncrease, and what it costs more per month at the observed
/// traffic must buy at least gates.minimumGainPerDollar of the primary metric per dollar.
/// </summary>
public static class ChampionChallengerGate
{
    public static string PrimaryMetricFor(PipelineSpec spec) => spec.Training.SelectionMetric ?? MetricNames.DefaultSelection(spec.Task);

    public static GateDecision Decide(
        PipelineSpec spec,
        IReadOnlyDictionary<string, double> challenger,
        int? championVersion,
        IReadOnlyDictionary<string, double>? champion,
        OverfitAssessment? overfit = null,
        string? championProblem = null,
        IReadOnlyList<string>? schemaChanges = null,
        ServingCostEvidence? servingCost = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(challenger);
        string primary = PrimaryMetricFor(spec);
        var reasons = new List<string>();
        bool passed = true;

        foreach ((string metric, double minimum) in spec.Gates.Minimums)
        {
            if (!challenger.TryGetValue(metric, out double value))
            {
                passed = false;
                reasons.Add($"gate metric '{metric}' was not computed for this task");
            }
            else if (MetricDirection.Improvement(metric, value, minimum) < 0)
            {
                passed = false;
                reasons.Add(Invariant($"{metric} {value:F4} misses the {(MetricDirection.IsLowerBetter(metric) ? "maximum" : "minimum")} {minimum:F4}"));
            }
        }

        Dictionary<string, double>? deltas = null;
        if (champion is not null)
        {
            deltas = challenger.Keys.Where(champion.ContainsKey).ToDictionary(k => k, k => challenger[k] - champion[k]);
            double improvement = MetricDirection.Improvement(primary, challenger[primary], champion[primary]);
            if (improvement < spec.Gates.MinimumImprovement)
            {
                passed = false;
                reasons.Add(Invariant($"{primary} {challenger[primary]:F4} does not beat production v{championVersion} ({champion[primary]:F4}) by {spec.Gates.MinimumImprovement:F4}"));
            }
            else
            {
                reasons.Add(Invariant($"{primary} {challenger[primary]:F4} vs production v{championVersion} {champion[primary]:F4} (improvement {improvement:+0.0000;-0.0000})"));
            }
        }
        else if (championVersion is int version)
        {
            bool schemaChanged = schemaChanges is { Count: > 0 };
            passed &= schemaChanged;
            reasons.Add(Invariant($"production v{version} exists but could not be scored on these rows: {championProblem ?? "no metrics"}")
                + (schemaChanged ? string.Empty : "; promote by hand if this version should replace it"));
        }
        else
        {
            reasons.Add("no production version to compare with");
        }

        if (champion is not null)
        {
            passed &= CheckServingCost(spec.Gates, primary, championVersion, servingCost, reasons);
        }

        if (schemaChanges is { Count: > 0 })
        {
            reasons.Add(Invariant($"schema change from production v{championVersion}: {string.Join("; ", schemaChanges)}"));
        }

        if (overfit is { Overfit: true })
        {
            bool fails = overfit.Action == OverfitAction.Fail;
            passed &= !fails;
            reasons.Add((fails ? "overfitting: " : "warning, overfitting: ") + overfit.Describe());
        }

        string rule = Invariant($"all minimums hold and {primary} improves on production by >= {spec.Gates.MinimumImprovement}")
            + (spec.Gates.OverfitAction == OverfitAction.Fail ? Invariant($" and the train/test gap is <= {spec.Gates.MaxOverfitGap}") : string.Empty)
            + (spec.Gates.MaxServingCostIncrease is double max ? Invariant($" and serving costs at most {max:P0} more per 1,000 predictions") : string.Empty)
            + (spec.Gates.MinimumGainPerDollar is double gain ? Invariant($" and each extra serving dollar per month buys >= {gain} {primary}") : string.Empty);
        return new GateDecision
        {
            Passed = passed,
            PrimaryMetric = primary,
            Rule = rule,
            Reasons = reasons,
            Challenger = new Dictionary<string, double>(challenger),
            ChampionVersion = championVersion,
            Champion = champion is null ? null : new Dictionary<string, double>(champion),
            Deltas = deltas,
            Overfit = overfit,
            ChampionProblem = champion is null ? championProblem : null,
            SchemaChanges = schemaChanges ?? [],
            ServingCost = servingCost,
        };
    }

    /// <summary>The cost gates (when set): false, with the reason added, when the challenger costs too much more to serve for what it gains.</summary>
    private static bool CheckServingCost(GateSpec gates, string primary, int? championVersion, ServingCostEvidence? cost, List<string> reasons)
    {
        if (gates.MaxServingCostIncrease is null && gates.MinimumGainPerDollar is null)
        {
            return true;
        }

        if (cost?.Increase is not double increase)
        {
            reasons.Add("cost gates not applied: no serving cost was measured for production (cost accounting is off, or production could not score these rows)");
            return true;
        }

        bool passed = true;
        if (gates.MaxServingCostIncrease is double max)
        {
            bool within = increase <= max;
            passed &= within;
            reasons.Add(Invariant($"{cost.Describe()}: {(within ? "within" : "over")} gates.maxServingCostIncrease {max:P0} (production v{championVersion})"));
        }

        if (gates.MinimumGainPerDollar is double minimum)
        {
            if (cost.ExtraPerMonth is not > 0)
            {
                reasons.Add(Invariant($"serving costs no more per month at {cost.PredictionsPerMonth:F0} predictions a month: gates.minimumGainPerDollar holds"));
            }
            else
            {
                double perDollar = cost.GainPerDollar ?? 0;
                bool enough = perDollar >= minimum;
                passed &= enough;
                reasons.Add(Invariant(
                    $"{primary} gains {perDollar:G4} per extra dollar ({cost.ExtraPerMonth:G4} {cost.Currency} more per month at {cost.PredictionsPerMonth:F0} predictions a month): {(enough ? "meets" : "below")} gates.minimumGainPerDollar {minimum}"));
            }
        }

        return passed;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
