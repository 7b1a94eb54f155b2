using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>What models cost: per model, across models by day and stage, and as a plot.</summary>
public sealed class CostFunctions
{
    private readonly CostApi _api;

    public CostFunctions(CostApi api) => _api = api;

    [Function(nameof(GetModelCost))]
    public Task<IActionResult> GetModelCost(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelCost)] HttpRequest request, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.GetModelCostAsync(model, request.Query["from"], request.Query["to"], cancellationToken).AsActionResultAsync();
    }

    [Function(nameof(GetCost))]
    public Task<IActionResult> GetCost(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Cost)] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.GetCostAsync(request.Query["from"], request.Query["to"], cancellationToken).AsActionResultAsync();
    }

    [Function(nameof(GetCostPlot))]
    public Task<IActionResult> GetCostPlot(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.CostPlot)] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.GetCostPlotAsync(request.Query["model"], request.Query["from"], request.Query["to"], cancellationToken).AsActionResultAsync();
    }
}
