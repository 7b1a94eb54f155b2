using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>GET /api/health: anonymous, so that load balancers and probes can call it without a key; it touches and names no storage.</summary>
public static class LivenessFunction
{
    [Function(nameof(Health))]
    public static IActionResult Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request) =>
        HealthApi.Live().AsActionResult();
}
