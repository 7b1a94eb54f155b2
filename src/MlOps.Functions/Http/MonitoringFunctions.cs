using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>Alerts and monitor reports.</summary>
public sealed class MonitoringFunctions
{
    private readonly MonitoringApi _api;

    public MonitoringFunctions(MonitoringApi api) => _api = api;

    [Function(nameof(ListAlerts))]
    public Task<IActionResult> ListAlerts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelAlerts)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.ListAlertsAsync(model, cancellationToken).AsActionResultAsync();
}
