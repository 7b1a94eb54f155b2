using System.Globalization;
using MlOps.Core.Evaluation;
using MlOps.Core.Registry;
using MlOps.Core.Specs;

namespace MlOps.Core.Monitoring.Decay;

/// <summary>
/// Judges whether a version's live quality has decayed: computes its metrics on the window's labelled predictions
/// (<see cref="FeedbackJoin.JoinAsync"/>) and compares the watched metric with the version's test metric. Decayed
/// when it is worse by more than <see cref="DecaySpec.MaxDrop"/> with at least <see cref="DecaySpec.MinLabels"/>
/// labelled predictions; fewer labels give no verdict.
/// </summary>
public static class DecayAnalyzer
{
    // Losses and errors improve downwards; every other metric the evaluator reports improves upwards.
    /// <param name="labelled">The window's predictions joined with their labels (any version; other versions are counted and left out).</param>
    /// <param name="labelsRead">Labels available when joining (<see cref="FeedbackLabels.Count"/>), for the report.</param>
    public static DecayReport Analyze(
        IEnumerable<LabelledPrediction> labelled, ModelVersionRecord version, PipelineSpec spec, MonitoringWindow window, DateTimeOffset createdAt, long labelsRead = 0)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(window);
        DecaySpec decay = spec.Monitoring.Decay;
        string metric = string.IsNullOrWhiteSpace(decay.Metric) ? ChampionChallengerGate.PrimaryMetricFor(spec) : decay.Metric;

        var ofVersion = new List<LabelledPrediction>();
        long otherVersions = 0;
        foreach (LabelledPrediction row in labelled)
        {
            if (row.Prediction.Version == version.Version)
            {
                ofVersion.Add(row);
            }
            else
            {
                otherVersions++;
            }
        }

        (Dictionary<string, double> live, long unusable) = LiveMetrics.Compute(version.Layout, ofVersion, version.DecisionThreshold);
        long usable = ofVersion.Count - unusable;
        double? liveValue = live.TryGetValue(metric, out double l) ? l : null;
        double? testValue = version.Metrics.TryGetValue(metric, out double t) ? t : null;
        double? drop = liveValue is double lv && testValue is double tv ? MetricDirection.Improvement(metric, tv, lv) : null;

        (DecayVerdict verdict, string reason) = (usable, liveValue, testValue, drop) switch
        {
            _ when usable < decay.MinLabels =>
                (DecayVerdict.InsufficientLabels, Invariant($"{usable} usable labelled predictions of v{version.Version} in the window; at least {decay.MinLabels} are needed")),
            (_, null, _, _) => (DecayVerdict.NotComparable, $"live {metric} is undefined on these labels (for example AUC when only one class occurs)"),
            (_, _, null, _) => (DecayVerdict.NotComparable, $"v{version.Version} has no test {metric} to compare with"),
            _ when drop > decay.MaxDrop =>
                (DecayVerdict.Decayed, Invariant($"live {metric} {liveValue:F4} is {drop:F4} worse than the test {metric} {testValue:F4} (allowed {decay.MaxDrop}) over {usable} labels")),
            _ => (DecayVerdict.Healthy, Invariant($"live {metric} {liveValue:F4} vs test {testValue:F4}: drop {drop:F4} within {decay.MaxDrop} over {usable} labels")),
        };

        return new DecayReport
        {
            Id = window.Id,
            Model = version.Model,
            Version = version.Version,
            Task = version.Layout.Task,
            Window = window,
            CreatedAt = createdAt,
            LabelsRead = labelsRead,
            Labelled = ofVersion.Count,
            LabelledOtherVersions = otherVersions,
            Unusable = unusable,
            Metric = metric,
            Live = liveValue,
            Test = testValue,
            Drop = drop,
            MaxDrop = decay.MaxDrop,
            MinLabels = decay.MinLabels,
            Verdict = verdict,
            Reason = reason,
            LiveMetrics = live,
            TestMetrics = new Dictionary<string, double>(version.Metrics),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
