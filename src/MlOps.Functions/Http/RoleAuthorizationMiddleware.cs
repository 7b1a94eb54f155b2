using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>
/// Holds each HTTP function to the role its route needs (<see cref="ApiRouteTable"/>), before the function runs:
/// a signed-in caller by the app roles in its token, a function key by Auth:FunctionKeyRoles (every role unless set).
/// </summary>
public sealed class RoleAuthorizationMiddleware : IFunctionsWorkerMiddleware
{
    private readonly Dictionary<string, ApiAccess> _access = ApiRouteTable.All.ToDictionary(r => r.Name, r => r.Access, StringComparer.Ordinal);
    private readonly HashSet<ApiRole> _functionKeyRoles;
    private readonly bool _authenticationEnabled;

    public RoleAuthorizationMiddleware(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _authenticationEnabled = string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);
        string? configured = configuration["Auth:FunctionKeyRoles"];
        _functionKeyRoles = string.IsNullOrWhiteSpace(configured)
            ? [.. ApiCaller.AllRoles]
            : [.. configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseRole).Append(ApiRole.Reader)];
    }

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        HttpContext? http = context.GetHttpContext();
        if (http is not null && _access.TryGetValue(context.FunctionDefinition.Name, out ApiAccess access) && access != ApiAccess.Anonymous
            && AppServicePrincipal.Authorize(http, access, _functionKeyRoles, _authenticationEnabled) is { } denied)
        {
            await denied.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static ApiRole ParseRole(string name) =>
        ApiAccessExtensions.TryParseRole(name, out ApiRole role)
            ? role
            : throw new InvalidOperationException($"Auth:FunctionKeyRoles has '{name}'; roles are reader, predictor, trainer, approver.");
}
