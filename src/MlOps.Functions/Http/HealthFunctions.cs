using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>GET /api/health: anonymous so that load balancers and probes can call it without a key.</summary>
public sealed class HealthFunctions
{
    private readonly MlOpsApi _api;

    public HealthFunctions(MlOpsApi api) => _api = api;

    [Function(nameof(Health))]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request, CancellationToken cancellationToken) =>
        _api.HealthAsync(cancellationToken).AsActionResultAsync();
}
