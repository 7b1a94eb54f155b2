using System.Globalization;
using System.Xml;
using MlOps.Core.AzureRest;

namespace MlOps.Testing;

/// <summary>Azure Monitor Metrics: totals per time grain of a resource's metrics.</summary>
public sealed partial class LoopbackAzure
{
    private readonly Dictionary<(string Resource, string Metric, DateTimeOffset Grain), double> _metrics = [];

    /// <summary>Records a metric's total for the hour starting at <paramref name="hour"/> (added to any total already there).</summary>
    public void AddMetric(string resourceId, string metric, DateTimeOffset hour, double total)
    {
        lock (_gate)
        {
            var key = (resourceId.TrimStart('/').ToLowerInvariant(), metric, hour.ToUniversalTime());
            _metrics[key] = _metrics.GetValueOrDefault(key) + total;
        }
    }

    private Answer Metrics(RecordedRequest request)
    {
        if (Authorized(request, new AzureRestOptions().ManagementScope) is { } unauthorized)
        {
            return unauthorized;
        }

        if (ApiVersion(request, MonitorMetricsClient.ApiVersion) is { } badVersion)
        {
            return badVersion;
        }

        string[] names = (request.Query("metricnames") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] span = (request.Query("timespan") ?? "").Split('/');
        if (names.Length == 0 || span.Length != 2
            || !DateTimeOffset.TryParse(span[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset from)
            || !DateTimeOffset.TryParse(span[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset to) || to <= from)
        {
            return BadRequest("metricnames and a timespan start/end are required.");
        }

        if (!string.Equals(request.Query("aggregation"), "Total", StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest("This loopback answers the Total aggregation only.");
        }

        TimeSpan grain;
        try
        {
            grain = XmlConvert.ToTimeSpan(request.Query("interval") ?? "PT1H");
        }
        catch (FormatException)
        {
            return BadRequest($"interval '{request.Query("interval")}' is not an ISO 8601 duration.");
        }

        string resource = request.Path[..request.Path.IndexOf("/providers/Microsoft.Insights/metrics", StringComparison.OrdinalIgnoreCase)].Trim('/').ToLowerInvariant();
        var value = new List<object>();
        lock (_gate)
        {
            foreach (string name in names)
            {
                var data = new List<object>();
                for (DateTimeOffset t = from.ToUniversalTime(); t < to; t += grain)
                {
                    double sum = _metrics.Where(m => m.Key.Resource == resource && m.Key.Metric == name && m.Key.Grain >= t && m.Key.Grain < t + grain).Sum(m => m.Value);
                    bool any = _metrics.Keys.Any(k => k.Resource == resource && k.Metric == name && k.Grain >= t && k.Grain < t + grain);
                    // A grain without data carries only its time stamp, as Azure Monitor answers it.
                    data.Add(any ? new { timeStamp = t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), total = sum } : new { timeStamp = t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) });
                }

                value.Add(new
                {
                    id = $"/{resource}/providers/Microsoft.Insights/metrics/{name}",
                    type = "Microsoft.Insights/metrics",
                    name = new { value = name, localizedValue = name },
                    displayDescription = name,
                    unit = name.EndsWith("Count", StringComparison.Ordinal) ? "Count" : "Unspecified",
                    timeseries = new[] { new { metadatavalues = Array.Empty<object>(), data } },
                    errorCode = "Success",
                });
            }
        }

        return new Answer(200, new
        {
            cost = 0,
            timespan = request.Query("timespan"),
            interval = request.Query("interval"),
            value,
            @namespace = "microsoft.web/sites",
            resourceregion = "eastus",
        });
    }
}
