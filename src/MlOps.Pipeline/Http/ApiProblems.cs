using Azure;
using Microsoft.AspNetCore.Http;

namespace MlOps.Pipeline.Http;

/// <summary>
/// Problem-details answers for what no handler answered itself: an exception that escaped (storage unreachable, a
/// body over the server's limit, a bug) and a path or method no route serves. Both hosts use these, so no 4xx or
/// 5xx of the API reaches a client with an empty body.
/// </summary>
public static class ApiProblems
{
    /// <summary>The problem for an exception a handler did not catch; <paramref name="traceId"/> ties it to the log entry.</summary>
    public static IResult ForException(Exception exception, string? traceId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            // Kestrel's own limits (a body over MaxRequestBodySize is 413) and malformed requests: its message names the limit.
            BadHttpRequestException bad => Results.Problem(
                detail: bad.Message, statusCode: bad.StatusCode, title: bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request"),
            RequestFailedException storage => Results.Problem(
                detail: $"Storage did not answer this request (status {storage.Status}{(storage.ErrorCode is null ? string.Empty : ", " + storage.ErrorCode)}); try again shortly. Trace id {traceId}.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable"),
            _ => Results.Problem(
                detail: $"The server failed on this request ({exception.GetType().Name}); it is logged with trace id {traceId}.",
                statusCode: StatusCodes.Status500InternalServerError, title: "Unexpected error"),
        };
    }

    /// <summary>
    /// The answer for a request no route took: 405 with the allowed methods when the path is a route's (under
    /// /api), else 404. Paths are compared segment by segment with the route table's templates.
    /// </summary>
    public static IResult ForUnmatched(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string method = context.Request.Method;
        string path = context.Request.Path.Value ?? "/";
        string[] allowed = [.. ApiRouteTable.All.Where(r => Matches(r, path)).Select(r => r.Method).Distinct(StringComparer.Ordinal)];
        if (allowed.Length == 0)
        {
            return Results.Problem(detail: $"No route serves {path}; the routes are listed in the README's HTTP API table.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Results.Problem(
            detail: $"{method} is not served on {path}; use {string.Join(" or ", allowed)}.", statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed");
    }

    private static bool Matches(ApiRoute route, string path)
    {
        string[] template = route.Path.TrimStart('/').Split('/');
        string[] segments = path.TrimStart('/').TrimEnd('/').Split('/');
        if (template.Length != segments.Length)
        {
            return false;
        }

        for (int i = 0; i < template.Length; i++)
        {
            bool parameter = template[i].StartsWith('{');
            if (parameter ? segments[i].Length == 0 : !string.Equals(template[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
