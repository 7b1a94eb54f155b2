using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MlOps.Pipeline.Http;

/// <summary>
/// The signed-in caller App Service Authentication (Easy Auth) passes to the app in X-MS-CLIENT-PRINCIPAL: base64
/// JSON with the token's claims, the claim type of the name and of the roles. Easy Auth removes these headers from
/// incoming requests and sets them only from a validated token, so the app can trust them where it is enabled.
/// </summary>
public static class AppServicePrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>The caller the headers name, with the app roles the token grants (and reader with any of them); null without the header.</summary>
    /// <exception cref="FormatException">The header is not base64 JSON of the documented shape.</exception>
    public static ApiCaller? FromHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? encoded = headers[Header];
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }

        using JsonDocument principal = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        JsonElement root = principal.RootElement;
        string roleType = root.TryGetProperty("role_typ", out JsonElement r) && r.GetString() is { Length: > 0 } rt ? rt : "roles";
        string nameType = root.TryGetProperty("name_typ", out JsonElement n) && n.GetString() is { Length: > 0 } nt ? nt : "name";
        var roles = new HashSet<ApiRole>();
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("claims", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement claim in list.EnumerateArray())
            {
                string type = claim.GetProperty("typ").GetString() ?? string.Empty;
                string value = claim.GetProperty("val").GetString() ?? string.Empty;
                if ((type == roleType || type == "roles") && ApiAccessExtensions.TryParseRole(value, out ApiRole role))
                {
                    roles.Add(role);
                }

                claims.TryAdd(type, value);
            }
        }

        if (roles.Count > 0)
        {
            roles.Add(ApiRole.Reader);
        }

        string? name = headers[NameHeader];
        if (string.IsNullOrWhiteSpace(name))
        {
            name = claims.GetValueOrDefault(nameType) ?? claims.GetValueOrDefault("preferred_username") ?? claims.GetValueOrDefault("oid") ?? "signed-in user";
        }

        return new ApiCaller(name, roles, HasIdentity: true);
    }

    /// <summary>
    /// The caller of a route in the Functions app: the signed-in principal held to its app roles, or a function key
    /// (checked by the Functions host before the app sees the request) with <paramref name="functionKeyRoles"/>.
    /// Returns the 401 or 403 to answer instead of calling the route, or null to go on.
    /// </summary>
    /// <param name="authenticationEnabled">
    /// Whether App Service Authentication is on (WEBSITE_AUTH_ENABLED): without it nothing strips a client's own
    /// X-MS-CLIENT-PRINCIPAL header, so the header is ignored and the caller is the function key.
    /// </param>
    public static IResult? Authorize(HttpContext context, ApiAccess access, IReadOnlySet<ApiRole> functionKeyRoles, bool authenticationEnabled = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApiCaller caller;
        try
        {
            caller = (authenticationEnabled ? FromHeaders(context.Request.Headers) : null) ?? new ApiCaller("function key", functionKeyRoles, HasIdentity: false);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Results.Problem(detail: $"The {Header} header is not base64 JSON of a principal: {ex.Message}", statusCode: StatusCodes.Status401Unauthorized, title: "Unreadable principal");
        }

        caller.StoreOn(context);
        return caller.Forbidden(access);
    }
}
