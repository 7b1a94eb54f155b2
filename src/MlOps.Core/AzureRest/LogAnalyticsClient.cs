using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Core;

namespace MlOps.Core.AzureRest;

/// <summary>The Log Analytics query API: a KQL query over a workspace and a time span, answered as tables.</summary>
public sealed class LogAnalyticsClient : AzureRestClient
{
    private readonly Uri _endpoint;

    public LogAnalyticsClient(AzureRestPipelines pipelines)
        : base((pipelines ?? throw new ArgumentNullException(nameof(pipelines))).LogAnalytics, "Log Analytics", pipelines.Options.MaxPages)
    {
        _endpoint = pipelines.Options.LogAnalyticsEndpoint;
    }

    /// <summary>Runs <paramref name="query"/> on the workspace over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public Task<LogQueryResult> QueryAsync(string workspaceId, string query, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        QueryAsync(workspaceId, query, string.Create(CultureInfo.InvariantCulture, $"{from.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}/{to.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}"), cancellationToken);

    /// <summary>Runs <paramref name="query"/> on the workspace over an ISO 8601 time span (a duration such as PT1H, or start/end).</summary>
    public async Task<LogQueryResult> QueryAsync(string workspaceId, string query, string timespan, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        Uri uri = Combine(_endpoint, "v1/workspaces/" + Uri.EscapeDataString(workspaceId.Trim()) + "/query");
        using JsonDocument? document = await SendAsync(RequestMethod.Post, uri, new { query, timespan }, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return new LogQueryResult([], null);
        }

        var tables = new List<LogTable>();
        if (document.RootElement.TryGetProperty("tables", out JsonElement tableArray))
        {
            foreach (JsonElement table in tableArray.EnumerateArray())
            {
                var columns = table.GetProperty("columns").EnumerateArray()
                    .Select(c => new LogColumn(c.GetProperty("name").GetString() ?? "", c.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? "" : ""))
                    .ToList();
                var rows = table.GetProperty("rows").EnumerateArray()
                    .Select(r => (IReadOnlyList<JsonElement>)r.EnumerateArray().Select(v => v.Clone()).ToList())
                    .ToList();
                tables.Add(new LogTable(table.TryGetProperty("name", out JsonElement n) ? n.GetString() ?? "" : "", columns, rows));
            }
        }

        string? partial = document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object ? Describe(error) : null;
        return new LogQueryResult(tables, partial);
    }

    /// <summary>"code: message" of the error and of each of its details, which say what part of the query failed.</summary>
    private static string Describe(JsonElement error)
    {
        var text = new StringBuilder();
        Append(text, error);
        if (error.TryGetProperty("details", out JsonElement details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement detail in details.EnumerateArray())
            {
                text.Append("; ");
                Append(text, detail);
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonElement error)
    {
        string? code = error.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
        string? message = error.TryGetProperty("message", out JsonElement m) ? m.GetString() : null;
        text.Append(code).Append(code is null || message is null ? "" : ": ").Append(message);
    }
}
