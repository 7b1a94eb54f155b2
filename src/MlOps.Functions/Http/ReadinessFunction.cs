using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>GET /api/health/ready: every dependency checked, behind the function key like every other read.</summary>
public sealed class ReadinessFunction
{
    private readonly HealthApi _health;

    public ReadinessFunction(HealthApi health) => _health = health;

    [Function(nameof(Readiness))]
    public Task<IActionResult> Readiness(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.HealthReady)] HttpRequest request,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _health.ReadyAsync(client, cancellationToken).AsActionResultAsync();
}
