using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>The cost monitor on demand, its daily reports, and a model's recommendations.</summary>
public sealed class CostMonitoringFunctions
{
    private readonly CostMonitoringApi _api;

    public CostMonitoringFunctions(CostMonitoringApi api) => _api = api;

    [Function(nameof(StartCostMonitor))]
    public Task<IActionResult> StartCostMonitor(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.CostMonitor)] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.StartAsync(request.Query["day"], client, cancellationToken).AsActionResultAsync();
    }

    [Function(nameof(GetRecommendations))]
    public Task<IActionResult> GetRecommendations(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelRecommendations)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.RecommendAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(GetPrices))]
    public Task<IActionResult> GetPrices(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.CostPrices)] HttpRequest request) =>
        Task.FromResult(_api.Prices()).AsActionResultAsync();

    [Function(nameof(RefreshPrices))]
    public Task<IActionResult> RefreshPrices(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.CostPricesRefresh)] HttpRequest request, CancellationToken cancellationToken) =>
        _api.RefreshPricesAsync(cancellationToken).AsActionResultAsync();

    [Function(nameof(ListCostReports))]
    public Task<IActionResult> ListCostReports(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.CostReports)] HttpRequest request, CancellationToken cancellationToken) =>
        _api.ListAsync(cancellationToken).AsActionResultAsync();

    [Function(nameof(GetCostReport))]
    public Task<IActionResult> GetCostReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.CostReport)] HttpRequest request, string day, CancellationToken cancellationToken) =>
        _api.GetAsync(day, cancellationToken).AsActionResultAsync();
}
