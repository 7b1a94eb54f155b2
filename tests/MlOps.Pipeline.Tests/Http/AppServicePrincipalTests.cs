using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Pipeline.Http;

namespace MlOps.Pipeline.Tests.Http;

/// <summary>The Functions app's caller: App Service Authentication's principal held to its app roles, or a function key.</summary>
public sealed class AppServicePrincipalTests
{
    [Fact]
    public void FromHeaders_EntraPrincipalWithAppRoles_NameAndRolesPlusReader()
    {
        var headers = new HeaderDictionary { [AppServicePrincipal.Header] = Encode("approver", "alice@contoso.com") };

        ApiCaller caller = AppServicePrincipal.FromHeaders(headers)!;

        Assert.Equal("alice@contoso.com", caller.Principal);
        Assert.True(caller.HasIdentity);
        Assert.Equal([ApiRole.Reader, ApiRole.Approver], caller.Roles.Order());
    }

    [Fact]
    public void FromHeaders_NoPrincipal_Null() =>
        Assert.Null(AppServicePrincipal.FromHeaders(new HeaderDictionary()));

    [Theory]
    [MemberData(nameof(Accesses))]
    public async Task Authorize_TrainerPrincipal_ForbiddenNamingTheRoleUnlessItHasIt(ApiAccess access)
    {
        HttpContext context = Context(Encode("trainer", "tina@contoso.com"));

        IResult? denied = AppServicePrincipal.Authorize(context, access, ApiCaller.AllRoles);

        ApiRole? needed = access.RequiredRole();
        if (needed is null or ApiRole.Reader or ApiRole.Trainer)
        {
            Assert.Null(denied);
        }
        else
        {
            Assert.NotNull(denied);
            await denied.ExecuteAsync(context);
            Assert.Equal(403, context.Response.StatusCode);
            context.Response.Body.Position = 0;
            string body = await new StreamReader(context.Response.Body).ReadToEndAsync();
            Assert.Contains($"This call needs the {needed.Value.Name()} role; tina@contoso.com has the role(s) reader, trainer", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Authorize_FunctionKeyLimitedToPredictor_ApproveForbiddenPredictAllowed()
    {
        var predictOnly = new HashSet<ApiRole> { ApiRole.Reader, ApiRole.Predictor };

        Assert.Null(AppServicePrincipal.Authorize(Context(null), ApiAccess.Predict, predictOnly));
        Assert.NotNull(AppServicePrincipal.Authorize(Context(null), ApiAccess.Approve, predictOnly));
    }

    [Fact]
    public void Actor_SignedInCallerClaimsAnotherName_ThePrincipal()
    {
        HttpContext context = Context(Encode("approver", "alice@contoso.com"));
        Assert.Null(AppServicePrincipal.Authorize(context, ApiAccess.Approve, ApiCaller.AllRoles));

        Assert.Equal("alice@contoso.com", ApiCaller.Of(context).Actor("mallory"));
        Assert.Equal("mallory", new ApiCaller("function key", ApiCaller.AllRoles, HasIdentity: false).Actor("mallory"));
    }

    [Fact]
    public void Authorize_AuthenticationOff_PrincipalHeaderIgnoredAndTheCallerIsTheFunctionKey()
    {
        HttpContext context = Context(Encode("approver", "mallory@example.com"));
        var predictOnly = new HashSet<ApiRole> { ApiRole.Reader, ApiRole.Predictor };

        Assert.NotNull(AppServicePrincipal.Authorize(context, ApiAccess.Approve, predictOnly, authenticationEnabled: false));
        Assert.Equal("function key", ApiCaller.Of(context).Principal);
    }

    [Fact]
    public void Authorize_HeaderNotBase64Json_Unauthorized()
    {
        HttpContext context = Context("not base64!");
        Assert.NotNull(AppServicePrincipal.Authorize(context, ApiAccess.Read, ApiCaller.AllRoles));
    }

    public static TheoryData<ApiAccess> Accesses() => [.. Enum.GetValues<ApiAccess>()];

    private static DefaultHttpContext Context(string? principal)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        if (principal is not null)
        {
            context.Request.Headers[AppServicePrincipal.Header] = principal;
        }

        return context;
    }

    /// <summary>X-MS-CLIENT-PRINCIPAL as App Service Authentication writes it for an Entra ID token.</summary>
    private static string Encode(string role, string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        claims = new[]
        {
            new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", val = name },
            new { typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val = role },
            new { typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val = "SomeOtherAppRole" },
        },
    })));
}
