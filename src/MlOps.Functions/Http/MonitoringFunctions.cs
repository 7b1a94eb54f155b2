using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlOps.Core.Monitoring.Serving;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>Alerts and monitor reports.</summary>
public sealed class MonitoringFunctions
{
    private readonly MonitoringApi _api;
    private readonly ServingHealthMonitor _health;

    public MonitoringFunctions(MonitoringApi api, ServingHealthMonitor health)
    {
        _api = api;
        _health = health;
    }

    [Function(nameof(ListAlerts))]
    public Task<IActionResult> ListAlerts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelAlerts)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.ListAlertsAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(ListUploadAlerts))]
    public Task<IActionResult> ListUploadAlerts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.UploadAlerts)] HttpRequest request, CancellationToken cancellationToken) =>
        _api.ListUploadAlertsAsync(cancellationToken).AsActionResultAsync();

    [Function(nameof(StartMonitor))]
    public Task<IActionResult> StartMonitor(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.ModelMonitor)] HttpRequest request, string model,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _api.StartMonitorAsync(model, client, cancellationToken).AsActionResultAsync();

    [Function(nameof(ListMonitors))]
    public Task<IActionResult> ListMonitors(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelMonitors)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.ListMonitorsAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(ListDrift))]
    public Task<IActionResult> ListDrift(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelDrift)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.ListDriftAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(GetDriftReport))]
    public Task<IActionResult> GetDriftReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelDriftReport)] HttpRequest request, string model, string windowId, CancellationToken cancellationToken) =>
        _api.GetDriftAsync(model, windowId, plot: false, cancellationToken).AsActionResultAsync();

    [Function(nameof(GetDriftPlot))]
    public Task<IActionResult> GetDriftPlot(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelDriftPlot)] HttpRequest request, string model, string windowId, CancellationToken cancellationToken) =>
        _api.GetDriftAsync(model, windowId, plot: true, cancellationToken).AsActionResultAsync();

    [Function(nameof(ListDecay))]
    public Task<IActionResult> ListDecay(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelDecay)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.ListDecayAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(GetServingHealth))]
    public Task<IActionResult> GetServingHealth(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelServingHealth)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.GetServingHealthAsync(model, _health, cancellationToken).AsActionResultAsync();

    [Function(nameof(PostFeedback))]
    public Task<IActionResult> PostFeedback(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.ModelFeedback)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.PostFeedbackAsync(request, model, cancellationToken).AsActionResultAsync();
}
