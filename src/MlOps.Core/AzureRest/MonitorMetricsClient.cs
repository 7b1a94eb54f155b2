using System.Globalization;
using System.Text.Json;
using Azure.Core;

namespace MlOps.Core.AzureRest;

/// <summary>Azure Monitor Metrics: a resource's metric totals per time grain, here a Flex Consumption app's metered execution.</summary>
public sealed class MonitorMetricsClient : AzureRestClient
{
    public const string ApiVersion = "2023-10-01";

    /// <summary>MB-milliseconds of on-demand instances while executing: divided by 1,024,000 it is the GB-s the On Demand Execution Time meter bills.</summary>
    public const string ExecutionUnits = "OnDemandFunctionExecutionUnits";

    /// <summary>Executions on on-demand instances: the On Demand Total Executions meter.</summary>
    public const string ExecutionCount = "OnDemandFunctionExecutionCount";

    /// <summary>MB-ms per GB-s: 1,024 MB per GB times 1,000 ms per second.</summary>
    public const double MegabyteMillisecondsPerGbSecond = 1_024_000;

    private readonly Uri _endpoint;

    public MonitorMetricsClient(AzureRestPipelines pipelines)
        : base(Management(pipelines), "Azure Monitor Metrics", pipelines.Options.MaxPages)
    {
        _endpoint = pipelines.Options.ManagementEndpoint;
    }

    /// <summary>The Total of each metric per <paramref name="interval"/> over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<MetricPoint>> GetTotalsAsync(
        string resourceId, IReadOnlyList<string> metricNames, DateTimeOffset from, DateTimeOffset to, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        ArgumentNullException.ThrowIfNull(metricNames);
        string timespan = string.Create(CultureInfo.InvariantCulture, $"{from.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}/{to.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        string query = string.Join('&',
            "api-version=" + ApiVersion,
            "metricnames=" + Uri.EscapeDataString(string.Join(',', metricNames)),
            "aggregation=Total",
            "interval=" + System.Xml.XmlConvert.ToString(interval),
            "timespan=" + Uri.EscapeDataString(timespan));
        Uri uri = Combine(_endpoint, resourceId.Trim().TrimStart('/') + "/providers/Microsoft.Insights/metrics?" + query);

        using JsonDocument? document = await SendAsync(RequestMethod.Get, uri, body: null, cancellationToken).ConfigureAwait(false);
        var points = new List<MetricPoint>();
        if (document is null || !document.RootElement.TryGetProperty("value", out JsonElement metrics))
        {
            return points;
        }

        foreach (JsonElement metric in metrics.EnumerateArray())
        {
            string name = metric.GetProperty("name").GetProperty("value").GetString() ?? "";
            if (metric.TryGetProperty("errorCode", out JsonElement code) && code.GetString() is { } error && error != "Success")
            {
                string message = metric.TryGetProperty("errorMessage", out JsonElement m) ? m.GetString() ?? "" : "";
                throw new AzureRestException(Service, 200, error, $"{Service} could not read {name} of {resourceId}: {error}: {message}");
            }

            string unit = metric.TryGetProperty("unit", out JsonElement u) ? u.GetString() ?? "" : "";
            foreach (JsonElement series in metric.GetProperty("timeseries").EnumerateArray())
            {
                foreach (JsonElement point in series.GetProperty("data").EnumerateArray())
                {
                    double total = point.TryGetProperty("total", out JsonElement t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : 0;
                    points.Add(new MetricPoint(name, unit, point.GetProperty("timeStamp").GetDateTimeOffset(), total));
                }
            }
        }

        return points;
    }

    /// <summary>A Flex Consumption app's metered on-demand GB-s and executions per hour over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<FunctionExecutionHour>> GetFunctionExecutionAsync(
        string functionAppResourceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<MetricPoint> points = await GetTotalsAsync(functionAppResourceId, [ExecutionUnits, ExecutionCount], from, to, TimeSpan.FromHours(1), cancellationToken)
            .ConfigureAwait(false);
        return points.GroupBy(p => p.TimeStamp.ToUniversalTime())
            .OrderBy(g => g.Key)
            .Select(g => new FunctionExecutionHour(
                g.Key,
                g.Where(p => p.Metric == ExecutionUnits).Sum(p => p.Total) / MegabyteMillisecondsPerGbSecond,
                g.Where(p => p.Metric == ExecutionCount).Sum(p => p.Total)))
            .ToList();
    }
}
