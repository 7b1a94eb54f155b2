using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace MlOps.Testing;

/// <summary>A request the loopback Azure received: method, path, query, the bearer token and the body.</summary>
public sealed record RecordedRequest(string Method, string Path, string QueryString, string? Authorization, string Body)
{
    /// <summary>A query parameter's value (decoded); null when absent.</summary>
    public string? Query(string name) =>
        QueryHelpers.ParseQuery(QueryString).TryGetValue(name, out StringValues value) ? value.ToString() : null;

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}
