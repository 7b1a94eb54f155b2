using System.Text.Json;
using MlOps.Core.AzureRest;

namespace MlOps.Testing;

/// <summary>The Log Analytics query API: tables of columns and rows; a partial failure answers 200 with an error beside the tables.</summary>
public sealed partial class LoopbackAzure
{
    private Func<string, string, string, object>? _logQueries;

    /// <summary>
    /// Answers Log Analytics queries: (workspace id, query, timespan) → a response body, built with
    /// <see cref="LogAnswer"/>, <see cref="LogTable"/> and <see cref="PartialError"/>. Without it, queries answer an empty PrimaryResult.
    /// </summary>
    public void OnLogQuery(Func<string, string, string, object> answer) => _logQueries = answer;

    /// <summary>A documented Log Analytics answer: {"tables": [...]} and, for a partial result, "error".</summary>
    public static object LogAnswer(IEnumerable<object> tables, object? error = null) =>
        error is null ? new { tables = tables.ToArray() } : new { tables = tables.ToArray(), error };

    /// <summary>One table: {"name", "columns": [{"name", "type"}], "rows": [[...]]}.</summary>
    public static object LogTable(string name, IEnumerable<(string Name, string Type)> columns, IEnumerable<object?[]> rows) =>
        new { name, columns = columns.Select(c => new { name = c.Name, type = c.Type }).ToArray(), rows = rows.ToArray() };

    /// <summary>The error of a query that failed part-way (OneAPI shape with details and an inner error).</summary>
    public static object PartialError(string detail) => new
    {
        code = "PartialError",
        message = "There were some errors when processing your query.",
        details = new[]
        {
            new { code = "EngineError", message = detail, innererror = new { code = "LimitsExceeded", message = detail } },
        },
    };

    private Answer LogQuery(RecordedRequest request)
    {
        if (Authorized(request, new AzureRestOptions().LogAnalyticsScope) is { } unauthorized)
        {
            return unauthorized;
        }

        JsonElement body;
        try
        {
            body = request.Json();
        }
        catch (JsonException ex)
        {
            return BadRequest("The body is not JSON: " + ex.Message);
        }

        string? query = Text(body, "query");
        if (string.IsNullOrWhiteSpace(query))
        {
            return new Answer(400, Error("BadArgumentError", "The request had some invalid properties: query is required."));
        }

        string workspace = request.Path["/loganalytics/v1/workspaces/".Length..^"/query".Length];
        object answer = _logQueries?.Invoke(Uri.UnescapeDataString(workspace), query, Text(body, "timespan") ?? "")
            ?? LogAnswer([LogTable("PrimaryResult", [], [])]);
        return new Answer(200, answer);
    }
}
