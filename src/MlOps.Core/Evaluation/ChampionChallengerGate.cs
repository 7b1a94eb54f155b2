using System.Globalization;
using MlOps.Core.Specs;

namespace MlOps.Core.Evaluation;

/// <summary>
/// Decides whether a challenger may replace production: every absolute minimum of the spec must hold, and the
/// challenger must beat the champion (scored on the same test split) by the spec's minimum improvement.
/// </summary>
public static class ChampionChallengerGate
{
    private static readonly HashSet<string> LowerIsBetter = new(StringComparer.OrdinalIgnoreCase) { "logLoss", "rmse", "mae", "brier" };

    public static string PrimaryMetricFor(PipelineSpec spec) => spec.Training.PrimaryMetric ?? spec.Task switch
    {
        ModelTask.Binary => "auc",
        ModelTask.Multiclass => "macroAccuracy",
        _ => "r2",
    };

    public static GateDecision Decide(PipelineSpec spec, IReadOnlyDictionary<string, double> challenger, int? championVersion, IReadOnlyDictionary<string, double>? champion)
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
            else if (LowerIsBetter.Contains(metric) ? value > minimum : value < minimum)
            {
                passed = false;
                reasons.Add(Invariant($"{metric} {value:F4} misses the {(LowerIsBetter.Contains(metric) ? "maximum" : "minimum")} {minimum:F4}"));
            }
        }

        Dictionary<string, double>? deltas = null;
        if (champion is not null)
        {
            deltas = challenger.Keys.Where(champion.ContainsKey).ToDictionary(k => k, k => challenger[k] - champion[k]);
            double improvement = LowerIsBetter.Contains(primary) ? -deltas[primary] : deltas[primary];
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
        else
        {
            reasons.Add("no production version to compare with");
        }

        string rule = Invariant($"all minimums hold and {primary} improves on production by >= {spec.Gates.MinimumImprovement}");
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
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
