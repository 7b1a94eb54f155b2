using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Functions.Http;
using MlOps.Functions.Tests.Hosting;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Tests.Http;

/// <summary>
/// The Functions app's role check before every HTTP function: each route of the table called by a signed-in caller
/// with each app role, and by a function key limited to each role, answers the route or 403 naming the role it needs.
/// </summary>
public sealed class RoleAuthorizationMiddlewareTests
{
    public static TheoryData<string, ApiRole> EveryRouteWithEveryRole()
    {
        var data = new TheoryData<string, ApiRole>();
        foreach (ApiRoute route in ApiRouteTable.All)
        {
            foreach (ApiRole role in Enum.GetValues<ApiRole>())
            {
                data.Add(route.Name, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRouteWithEveryRole))]
    public async Task Invoke_SignedInCallerWithOneRole_RouteRunsOnlyWithTheRoleItNeeds(string function, ApiRole role)
    {
        var middleware = new RoleAuthorizationMiddleware(Settings(("WEBSITE_AUTH_ENABLED", "true")));

        (bool ran, HttpContext http) = await InvokeAsync(middleware, function, Principal(role, "pat@contoso.com"));

        AssertOutcome(function, role, ran, http, "pat@contoso.com");
    }

    [Theory]
    [MemberData(nameof(EveryRouteWithEveryRole))]
    public async Task Invoke_FunctionKeyLimitedToOneRole_RouteRunsOnlyWithTheRoleItNeeds(string function, ApiRole role)
    {
        var middleware = new RoleAuthorizationMiddleware(Settings(("Auth:FunctionKeyRoles", role.Name())));

        (bool ran, HttpContext http) = await InvokeAsync(middleware, function, principal: null);

        AssertOutcome(function, role, ran, http, "function key");
    }

    [Fact]
    public async Task Invoke_FunctionKeyWithoutConfiguredRoles_EveryRouteRuns()
    {
        var middleware = new RoleAuthorizationMiddleware(Settings());

        foreach (ApiRoute route in ApiRouteTable.All)
        {
            (bool ran, HttpContext http) = await InvokeAsync(middleware, route.Name, principal: null);
            Assert.True(ran, $"{route.Name}: {http.Response.StatusCode}");
        }
    }

    [Fact]
    public async Task Invoke_UnreadablePrincipal_UnauthorizedOnGuardedRoutesAndTheLivenessProbeStillAnswers()
    {
        var middleware = new RoleAuthorizationMiddleware(Settings(("WEBSITE_AUTH_ENABLED", "true")));

        (bool ran, HttpContext http) = await InvokeAsync(middleware, ApiRouteTable.Predict.Name, "not base64!");
        Assert.False(ran);
        Assert.Equal(StatusCodes.Status401Unauthorized, http.Response.StatusCode);

        (bool healthRan, _) = await InvokeAsync(middleware, ApiRouteTable.Health.Name, "not base64!");
        Assert.True(healthRan);
    }

    [Fact]
    public void Constructor_UnknownRoleInFunctionKeyRoles_RefusedNamingIt()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new RoleAuthorizationMiddleware(Settings(("Auth:FunctionKeyRoles", "reader,admin"))));

        Assert.Contains("'admin'", refused.Message, StringComparison.Ordinal);
    }

    private static void AssertOutcome(string function, ApiRole role, bool ran, HttpContext http, string principal)
    {
        ApiRole? needed = ApiRouteTable.All.Single(r => r.Name == function).Access.RequiredRole();
        // Any role includes reading; every other route needs its own role.
        bool allowed = needed is null or ApiRole.Reader || needed == role;
        Assert.Equal(allowed, ran);
        if (!allowed)
        {
            Assert.Equal(StatusCodes.Status403Forbidden, http.Response.StatusCode);
            http.Response.Body.Position = 0;
            string body = new StreamReader(http.Response.Body).ReadToEnd();
            Assert.Contains($"This call needs the {needed!.Value.Name()} role; {principal} has", body, StringComparison.Ordinal);
        }
    }

    private static async Task<(bool Ran, HttpContext Http)> InvokeAsync(RoleAuthorizationMiddleware middleware, string function, string? principal)
    {
        ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        if (principal is not null)
        {
            http.Request.Headers[AppServicePrincipal.Header] = principal;
        }

        var context = new FunctionContextDouble(function, services, CancellationToken.None);
        context.Items["HttpRequestContext"] = http; // where the ASP.NET Core integration puts the request (GetHttpContext reads it)
        bool ran = false;
        await middleware.Invoke(context, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        return (ran, http);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    /// <summary>X-MS-CLIENT-PRINCIPAL as App Service Authentication writes it for an Entra ID token with one app role.</summary>
    private static string Principal(ApiRole role, string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        claims = new[] { new { typ = "name", val = name }, new { typ = "roles", val = role.Name() } },
    })));
}
