using System.Globalization;
using MlOps.Core.Specs;

namespace MlOps.Core.Monitoring.Serving;

/// <summary>Holds a window's figures against the spec's <c>monitoring.serving</c> thresholds.</summary>
public static class ServingHealthEvaluator
{
    /// <summary>
    /// A version with fewer than minRequests requests in the window is reported but not judged: a handful of requests
    /// says nothing about an error rate or a p95.
    /// </summary>
    public static ServingHealthReport Evaluate(string model, MonitoringWindow window, string source, IReadOnlyList<ServingVersionHealth> versions, ServingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(spec);
        var breaches = new List<string>();
        foreach (ServingVersionHealth v in versions.Where(v => v.Requests >= spec.MinRequests))
        {
            if (v.ErrorRate > spec.MaxErrorRate)
            {
                breaches.Add(string.Create(CultureInfo.InvariantCulture,
                    $"v{v.Version}: error rate {v.ErrorRate:P2} ({v.Errors} of {v.Requests}) is over monitoring.serving.maxErrorRate {spec.MaxErrorRate:P2}"));
            }

            if (v.P95Ms > spec.MaxP95Ms)
            {
                breaches.Add(string.Create(CultureInfo.InvariantCulture,
                    $"v{v.Version}: p95 latency {v.P95Ms:F1} ms is over monitoring.serving.maxP95Ms {spec.MaxP95Ms:F1} ms"));
            }
        }

        return new ServingHealthReport { Model = model, Window = window, Source = source, Versions = versions, Breaches = breaches };
    }
}
