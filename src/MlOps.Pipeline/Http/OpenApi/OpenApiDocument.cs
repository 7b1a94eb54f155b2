using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serialization;
using MlOps.Core.Specs;

namespace MlOps.Pipeline.Http.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description of the HTTP API, generated from <see cref="ApiRouteTable"/> (paths, methods, path and
/// query parameters, statuses) and from the .NET types the handlers read and write (schemas, in the product's own
/// JSON settings), so the document cannot drift from what the hosts serve.
/// </summary>
public static partial class OpenApiDocument
{
    private static readonly Lazy<string> Json = new(() => Build().ToJsonString(JsonDefaults.Indented));

    /// <summary>The document as JSON text (built once).</summary>
    public static string ToJson() => Json.Value;

    public static JsonObject Build()
    {
        var schemas = new SchemaRegistry();
        var paths = new JsonObject();
        foreach (IGrouping<string, ApiRoute> path in ApiRouteTable.All.GroupBy(r => r.Path))
        {
            var item = new JsonObject();
            foreach (ApiRoute route in path)
            {
                item[route.Method.ToLowerInvariant()] = Operation(route, schemas);
            }

            paths[path.Key] = item;
        }

        schemas.Components["ProblemDetails"] = ProblemDetailsSchema();
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "MlOps.Functions API",
                ["version"] = typeof(OpenApiDocument).Assembly.GetName().Version?.ToString() ?? "1.0",
                ["description"] = "Train, register, serve and monitor ML.NET models. Served by the Azure Functions app and the local `mlops` host alike. "
                    + "Locally, calls that change state need the x-api-key header; in Azure every route but health needs a function key (x-functions-key or ?code=).",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Components,
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-api-key", ["description"] = "A local host key: the generated one (every role) or a named one of Host:Keys (its roles)." },
                    ["functionKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key", ["description"] = "An Azure Functions key." },
                },
            },
        };
    }

    private static JsonObject Operation(ApiRoute route, SchemaRegistry schemas)
    {
        var parameters = new JsonArray();
        foreach (Match parameter in PathParameter().Matches(route.Template))
        {
            string name = parameter.Groups["name"].Value;
            (JsonObject schema, string? rule) = IdentifierSchema(name, parameter.Groups["constraint"].Value == "int");
            var item = new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = schema };
            if (rule is not null)
            {
                item["description"] = rule;
            }

            parameters.Add(item);
        }

        foreach (ApiParameter query in route.Query)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = query.Name,
                ["in"] = "query",
                ["required"] = query.Required,
                ["description"] = query.Description,
                ["schema"] = new JsonObject { ["type"] = query.Type },
            });
        }

        var responses = new JsonObject();
        foreach (int status in new[] { route.SuccessStatus }.Concat(route.OtherSuccessStatuses).Distinct().Order())
        {
            var response = new JsonObject { ["description"] = status == 304 ? "Not modified" : "Success" };
            if (status != 304)
            {
                response["content"] = new JsonObject { [route.ResponseMediaType] = new JsonObject { ["schema"] = ResponseSchema(route, schemas) } };
            }

            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        foreach (int status in route.ErrorStatuses)
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = ErrorDescription(status),
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Ref("ProblemDetails") } },
            };
        }

        var operation = new JsonObject
        {
            ["operationId"] = route.Name,
            ["summary"] = MarkdownText(route.Summary),
            ["parameters"] = parameters,
            ["responses"] = responses,
        };
        if (route.RequestBody is not null)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.For(route.RequestBody) } },
            };
        }

        if (route.Access != ApiAccess.Anonymous)
        {
            operation["security"] = route.Access is ApiAccess.ChangesState or ApiAccess.Approve
                ? new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }, new JsonObject { ["functionKey"] = new JsonArray() })
                : new JsonArray(new JsonObject(), new JsonObject { ["apiKey"] = new JsonArray() }, new JsonObject { ["functionKey"] = new JsonArray() });

            // The role the caller needs (a key's role locally, an app role in Azure).
            operation["x-mlops-role"] = route.Access.RequiredRole()!.Value.Name();
        }

        return operation;
    }

    private static JsonNode ResponseSchema(ApiRoute route, SchemaRegistry schemas) =>
        route.ResponseMediaType switch
        {
            "image/png" => new JsonObject { ["type"] = "string", ["contentMediaType"] = "image/png" },
            "text/html" => new JsonObject { ["type"] = "string", ["contentMediaType"] = "text/html" },
            _ => route.ResponseBody is null ? new JsonObject { ["type"] = "object" } : schemas.For(route.ResponseBody),
        };

    /// <summary>The schema and rule of a path parameter: the identifier rules every route applies, so clients can check before they call.</summary>
    private static (JsonObject Schema, string? Rule) IdentifierSchema(string name, bool integer) => name switch
    {
        "model" => (new JsonObject { ["type"] = "string", ["pattern"] = ModelName.Pattern }, ModelName.Rule),
        "alias" => (new JsonObject { ["type"] = "string", ["pattern"] = AliasName.Pattern }, AliasName.Rule),
        "runId" => (new JsonObject { ["type"] = "string", ["pattern"] = RunIds.Pattern }, RunIds.Rule),
        "version" => (new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, VersionNumber.Rule),
        _ => (new JsonObject { ["type"] = integer ? "integer" : "string" }, null),
    };

    private static string ErrorDescription(int status) => status switch
    {
        400 => "Bad request: an identifier, query parameter or body that breaks a rule the detail names",
        401 => "A key is required for this call",
        404 => "Not found",
        409 => "Conflict with the current state",
        413 => "The body is over the limit the detail names",
        503 => "A dependency is unavailable or an artifact failed verification",
        _ => "Unexpected failure",
    };

    private static JsonObject ProblemDetailsSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "RFC 9457 problem details.",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string" },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["instance"] = new JsonObject { ["type"] = "string" },
        },
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    /// <summary>The README's markdown summary as plain text (code spans unquoted).</summary>
    private static string MarkdownText(string summary) => summary.Replace("`", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"\{(?<name>[^}:]+)(?::(?<constraint>[^}]+))?\}")]
    private static partial Regex PathParameter();

    /// <summary>One named component per body type; collections become arrays of their element's component.</summary>
    private sealed class SchemaRegistry
    {
        private readonly JsonSerializerOptions _options = new(JsonDefaults.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        public JsonObject Components { get; } = [];

        public JsonNode For(Type type)
        {
            Type? element = ElementType(type);
            if (element is not null)
            {
                return new JsonObject { ["type"] = "array", ["items"] = For(element) };
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                return _options.GetJsonSchemaAsNode(type);
            }

            string name = type.Name;
            if (!Components.ContainsKey(name))
            {
                Components[name] = _options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
            }

            return Ref(name);
        }

        private static Type? ElementType(Type type)
        {
            if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
            {
                return null;
            }

            return type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
        }
    }
}
