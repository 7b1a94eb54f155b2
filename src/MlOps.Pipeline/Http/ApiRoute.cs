namespace MlOps.Pipeline.Http;

/// <summary>
/// One route of the HTTP API: the name the Functions app gives its function, the method, the template under
/// <c>/api</c>, who may call it and what it does. Both hosts map, and the README lists, exactly the routes of
/// <see cref="ApiRouteTable"/>.
/// </summary>
/// <param name="Name">The Functions app's function name, also the local endpoint's name.</param>
/// <param name="Method">The HTTP method in upper case.</param>
/// <param name="Template">The route template under /api, with route constraints such as <c>{version:int}</c>.</param>
/// <param name="Access">Who may call it.</param>
/// <param name="Summary">One line for the README and the API description.</param>
public sealed record ApiRoute(string Name, string Method, string Template, ApiAccess Access, string Summary)
{
    /// <summary>The path as a client writes it: <c>/api/</c> and the template without its constraints.</summary>
    public string Path => "/api/" + System.Text.RegularExpressions.Regex.Replace(Template, @"\{([^}:]+):[^}]+\}", "{$1}");
}
