using System.Globalization;
using System.Text.Json;
using MlOps.Core.Alerts;
using MlOps.Core.AzureRest;
using MlOps.Core.Serving;
using MlOps.Core.Telemetry;

namespace MlOps.Core.Monitoring.Serving;

/// <summary>
/// The Log Analytics query behind the serving-health report in Azure, over the tables the Azure Monitor exporter
/// writes into the Application Insights workspace: request and error counts from the <c>mlops.predictions</c> counter
/// (AppMetrics: aggregated in each process before export, so never sampled), latency percentiles from the
/// <c>predict</c> spans (AppDependencies: one per sampled request, weighted by ItemCount, which is 100 / the sampling
/// percentage). Both carry the model, version and outcome as custom dimensions (Properties). Requests are counted as
/// the host's own figures count them: a caller's mistake before a version was found (unknown model, bad JSON) is not
/// the service's health, and a service error without a version is reported as version 0.
/// </summary>
public static class ServingHealthQuery
{
    /// <summary>The workspace table of exported metrics (classic Application Insights: customMetrics).</summary>
    public const string MetricsTable = "AppMetrics";

    /// <summary>The workspace table of exported Internal/Client spans (classic Application Insights: dependencies).</summary>
    public const string SpansTable = "AppDependencies";

    /// <summary>The result's columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["version", "requests", "errors", "p50", "p95", "p99"];

    /// <summary>The outcomes that are not the service's fault; every other outcome counts as an error.</summary>
    private static readonly string[] CallerOutcomes = [PredictionOutcome.Ok, PredictionOutcome.BadRequest, PredictionOutcome.NotFound];

    /// <summary>The KQL for one model; the window is the query's timespan, so the text names no time.</summary>
    public static string For(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        string notErrors = string.Join(", ", CallerOutcomes.Select(Literal));
        // The same dimensions and the same rule for what is counted, over both tables.
        string counted = string.Create(CultureInfo.InvariantCulture, $"""
            | where tostring(Properties.{MlOpsTags.Model}) == model
            | extend v = toint(Properties.{MlOpsTags.Version}), outcome = tostring(Properties.{MlOpsTags.Outcome})
            | extend error = outcome !in ({notErrors})
            | where isnotnull(v) or error
            | extend version = coalesce(v, 0)
            """);
        return string.Create(CultureInfo.InvariantCulture, $"""
            let model = {Literal(model)};
            let counts = {MetricsTable}
            | where Name == {Literal(MlOpsMetrics.PredictionsName)}
            {counted}
            | summarize requests = sum(Sum), errors = sumif(Sum, error) by version;
            let latency = {SpansTable}
            | where Name == {Literal(MlOpsTracing.PredictSpanName)}
            {counted}
            | summarize (p50, p95, p99) = percentilesw(DurationMs, ItemCount, 50, 95, 99) by version;
            counts
            | join kind=leftouter latency on version
            | project {string.Join(", ", Columns)}
            | order by version asc
            """);
    }

    /// <summary>The versions' figures from the query's answer, by column name (the service may order columns as it likes).</summary>
    public static IReadOnlyList<ServingVersionHealth> Read(LogTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int[] index = [.. Columns.Select(table.IndexOf)];
        if (index.Any(i => i < 0))
        {
            throw new AzureRestException("Log Analytics", 200, null,
                $"The serving-health query's answer lacks the column(s) {string.Join(", ", Columns.Where((_, i) => index[i] < 0))}; it has {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }

        return [.. table.Rows.Select(row => new ServingVersionHealth
        {
            Version = (int)(Number(row[index[0]]) ?? 0),
            Requests = (long)Math.Round(Number(row[index[1]]) ?? 0),
            Errors = (long)Math.Round(Number(row[index[2]]) ?? 0),
            P50Ms = Rounded(Number(row[index[3]])),
            P95Ms = Rounded(Number(row[index[4]])),
            P99Ms = Rounded(Number(row[index[5]])),
        }).OrderBy(v => v.Version)];
    }

    /// <summary>A KQL string literal: double quotes, with backslash and quote escaped.</summary>
    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // Log Analytics answers long and real columns as JSON numbers, and a missing value (no sampled span) as null.
    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        _ => null,
    };

    private static double? Rounded(double? milliseconds) => milliseconds is double ms ? Math.Round(ms, 3) : null;
}
