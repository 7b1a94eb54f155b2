using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlOps.Pipeline.Dashboard;
using MlOps.Pipeline.Http;
using MlOps.Pipeline.Http.OpenApi;

namespace MlOps.Functions.Http;

/// <summary>The dashboard page (open it with <c>?code=</c> and a function key) and the API's OpenAPI document.</summary>
public sealed class DashboardFunctions
{
    private readonly DashboardPage _page;

    public DashboardFunctions(DashboardPage page) => _page = page;

    [Function(nameof(Dashboard))]
    public IActionResult Dashboard(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Dashboard)] HttpRequest request) =>
        _page.Serve(request).AsActionResult();

    [Function(nameof(GetOpenApi))]
    public IActionResult GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.OpenApi)] HttpRequest request) =>
        Results.Text(OpenApiDocument.ToJson(), "application/json").AsActionResult();
}
