using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>
/// GET /api/health: anonymous, so that load balancers and probes can call it without a key; it says nothing about
/// storage. GET /api/health/ready: the dependencies checked, behind the function key like every other read.
/// </summary>
public sealed class HealthFunctions
{
    private readonly HealthApi _health;

    public HealthFunctions(HealthApi health) => _health = health;

    [Function(nameof(Health))]
    public static IActionResult Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request) =>
        HealthApi.Live().AsActionResult();

    [Function(nameof(Readiness))]
    public Task<IActionResult> Readiness(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.HealthReady)] HttpRequest request,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _health.ReadyAsync(client, cancellationToken).AsActionResultAsync();
}
