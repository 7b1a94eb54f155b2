using System.Globalization;
using MlOps.Core.Specs;

namespace MlOps.Core.Cost.Reconciliation;

/// <summary>
/// Finds the models whose cost on a day exceeds the mean of their previous days by more than their spec's
/// threshold. A model with no cost on any of those days has no baseline yet and is not an anomaly.
/// </summary>
public static class CostAnomalyDetector
{
    /// <param name="reports">Reports by day (yyyy-MM-dd); a day without a report counts as no cost.</param>
    /// <param name="specOf">A model's cost-monitoring settings (the defaults for models without a spec).</param>
    public static IReadOnlyList<CostAnomaly> Detect(DailyCostReport day, IReadOnlyDictionary<string, DailyCostReport> reports, Func<string, CostMonitoringSpec> specOf)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(specOf);
        DateOnly date = DateOnly.ParseExact(day.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var anomalies = new List<CostAnomaly>();
        foreach (ModelDayCost model in day.Models)
        {
            CostMonitoringSpec spec = specOf(model.Model);
            double[] baseline = [.. Enumerable.Range(1, spec.BaselineDays).Select(back =>
                reports.TryGetValue(date.AddDays(-back).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), out DailyCostReport? earlier)
                    ? earlier.Models.FirstOrDefault(m => m.Model == model.Model)?.Total.Cost ?? 0
                    : 0)];
            double mean = baseline.Average();
            if (mean > 0 && model.Total.Cost > mean * (1 + spec.AnomalyThreshold))
            {
                anomalies.Add(new CostAnomaly
                {
                    Model = model.Model, Day = day.Day, Cost = model.Total.Cost, BaselineMean = mean, BaselineDays = spec.BaselineDays, Threshold = spec.AnomalyThreshold,
                });
            }
        }

        return anomalies;
    }
}
