namespace MlOps.Pipeline.Http;

/// <summary>
/// One route of the HTTP API: the name the Functions app gives its function, the method, the template under
/// <c>/api</c>, who may call it and what it does. Both hosts map, and the README and the OpenAPI document list,
/// exactly the routes of <see cref="ApiRouteTable"/>.
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

    /// <summary>The query parameters it reads.</summary>
    public IReadOnlyList<ApiParameter> Query { get; init; } = [];

    /// <summary>The JSON body it reads, when it reads one.</summary>
    public Type? RequestBody { get; init; }

    /// <summary>What a successful call returns (a collection type for lists); null for a body described only as JSON.</summary>
    public Type? ResponseBody { get; init; }

    /// <summary>The media type of a successful answer.</summary>
    public string ResponseMediaType { get; init; } = "application/json";

    /// <summary>The status of a successful call.</summary>
    public int SuccessStatus { get; init; } = 200;

    /// <summary>Other statuses a successful call may answer with (200 when a run already exists, 304 for a cached page).</summary>
    public IReadOnlyList<int> OtherSuccessStatuses { get; init; } = [];

    /// <summary>Error statuses beyond those that follow from the route's shape (see <see cref="ErrorStatuses"/>).</summary>
    public IReadOnlyList<int> ExtraErrorStatuses { get; init; } = [];

    /// <summary>
    /// The problem-details statuses the route can answer with: 400 for identifiers, query or body it checks, 401 and
    /// 403 for routes that need a role, without a key or with one that lacks it, 404 for a path that names something,
    /// 413 for a body over its limit, 500 for an unexpected failure, 503 when storage does not answer
    /// (<see cref="ApiProblems.ForException"/>), plus <see cref="ExtraErrorStatuses"/>.
    /// </summary>
    public IReadOnlyList<int> ErrorStatuses
    {
        get
        {
            var statuses = new SortedSet<int>(ExtraErrorStatuses) { 500, 503 };
            bool namesSomething = Template.Contains('{', StringComparison.Ordinal);
            if (namesSomething || Query.Count > 0 || RequestBody is not null)
            {
                statuses.Add(400);
            }

            if (Access is ApiAccess.Predict or ApiAccess.ChangesState or ApiAccess.Approve)
            {
                statuses.Add(401);
                statuses.Add(403);
            }

            if (namesSomething)
            {
                statuses.Add(404);
            }

            if (RequestBody is not null)
            {
                statuses.Add(413);
            }

            return [.. statuses];
        }
    }
}
