using Microsoft.AspNetCore.Http;

namespace MlOps.Pipeline.Http;

/// <summary>
/// Who made a request, as the host authenticated it: a principal and its roles. <see cref="HasIdentity"/> is false for
/// a shared credential (the generated local key, a function key): only then is a body's "by" recorded as the actor.
/// </summary>
public sealed record ApiCaller(string Principal, IReadOnlySet<ApiRole> Roles, bool HasIdentity)
{
    private const string ItemKey = "mlops.caller";

    public static IReadOnlySet<ApiRole> AllRoles { get; } = new HashSet<ApiRole>(Enum.GetValues<ApiRole>());

    /// <summary>The caller the host stored on the request; an anonymous one when the host stored none (tests invoking handlers directly).</summary>
    public static ApiCaller Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out object? caller) && caller is ApiCaller known ? known : new ApiCaller("api-key holder", AllRoles, HasIdentity: false);
    }

    public void StoreOn(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ItemKey] = this;
    }

    /// <summary>Who the history records: the principal, or for a shared credential the body's "by" when given.</summary>
    public string Actor(string? claimed) =>
        HasIdentity || string.IsNullOrWhiteSpace(claimed) ? Principal : claimed.Trim();

    /// <summary>Null when the caller may use a route of <paramref name="access"/>; else the 403 naming the role it needs.</summary>
    public IResult? Forbidden(ApiAccess access)
    {
        ApiRole? needed = access.RequiredRole();
        if (needed is null || Roles.Contains(needed.Value))
        {
            return null;
        }

        string has = Roles.Count == 0 ? "no role" : "the role(s) " + string.Join(", ", Roles.Order().Select(r => r.Name()));
        return Results.Problem(
            detail: $"This call needs the {needed.Value.Name()} role; {Principal} has {has}.",
            statusCode: StatusCodes.Status403Forbidden, title: $"Role {needed.Value.Name()} required");
    }
}
