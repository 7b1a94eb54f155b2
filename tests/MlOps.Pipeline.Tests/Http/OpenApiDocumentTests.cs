using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlOps.Pipeline.Http;
using MlOps.Pipeline.Http.OpenApi;

namespace MlOps.Pipeline.Tests.Http;

/// <summary>The OpenAPI document describes exactly the route table: every route, method, parameter and status, with schemas that resolve.</summary>
public sealed partial class OpenApiDocumentTests
{
    private readonly JsonObject _document = OpenApiDocument.Build();

    public static TheoryData<string> Routes => new(ApiRouteTable.All.Select(r => r.Name));

    [Fact]
    public void Build_Document_IsOpenApi31WithOnlyTheTablesPaths()
    {
        Assert.Equal("3.1.0", (string?)_document["openapi"]);
        string[] documented = [.. _document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => m.Key.ToUpperInvariant() + " " + p.Key)).Order(StringComparer.Ordinal)];
        Assert.Equal(ApiRouteTable.All.Select(r => r.Method + " " + r.Path).Order(StringComparer.Ordinal), documented);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Build_Route_HasItsNameParametersAndStatuses(string name)
    {
        ApiRoute route = ApiRouteTable.All.Single(r => r.Name == name);
        JsonObject operation = _document["paths"]![route.Path]![route.Method.ToLowerInvariant()]!.AsObject();

        Assert.Equal(route.Name, (string?)operation["operationId"]);
        JsonArray parameters = operation["parameters"]!.AsArray();
        Assert.Equal(
            PathParameter().Matches(route.Template).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal),
            parameters.Where(p => (string?)p!["in"] == "path").Select(p => (string)p!["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal(route.Query.Select(q => q.Name).Order(StringComparer.Ordinal), parameters.Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!).Order(StringComparer.Ordinal));
        int[] statuses = [.. operation["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).Order()];
        Assert.Equal(new[] { route.SuccessStatus }.Concat(route.OtherSuccessStatuses).Concat(route.ErrorStatuses).Distinct().Order(), statuses);
        Assert.Equal(route.RequestBody is not null, operation.ContainsKey("requestBody"));
    }

    [Fact]
    public void Build_EveryReference_ResolvesToAComponent()
    {
        JsonObject components = _document["components"]!["schemas"]!.AsObject();
        string[] references = [.. References(_document).Distinct()];

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(components.ContainsKey(r["#/components/schemas/".Length..]), $"{r} is not a component"));
    }

    [Fact]
    public void Build_RunRecordSchema_UsesTheProductsJsonNames()
    {
        JsonObject run = _document["components"]!["schemas"]!["RunRecord"]!["properties"]!.AsObject();

        Assert.Contains("runId", run.Select(p => p.Key));
        Assert.Contains("status", run.Select(p => p.Key));
        Assert.DoesNotContain("RunId", run.Select(p => p.Key));
    }

    [Fact]
    public void ToJson_Twice_IsTheSameParsableText()
    {
        Assert.Same(OpenApiDocument.ToJson(), OpenApiDocument.ToJson());
        Assert.NotNull(JsonNode.Parse(OpenApiDocument.ToJson()));
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v && ((string?)v)?.StartsWith("#/components/", StringComparison.Ordinal) == true
            ? [(string)v!] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };

    [GeneratedRegex(@"\{([^}:]+)(?::[^}]+)?\}")]
    private static partial Regex PathParameter();
}
