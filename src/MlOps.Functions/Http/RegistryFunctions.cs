using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>Aliases, promotion, rollback, comparison, history, and approving or rejecting a run that waits for a human.</summary>
public sealed class RegistryFunctions
{
    private readonly RegistryApi _api;

    public RegistryFunctions(RegistryApi api) => _api = api;

    [Function(nameof(ListAliases))]
    public Task<IActionResult> ListAliases(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelAliases)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.ListAliasesAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(PromoteAlias))]
    public Task<IActionResult> PromoteAlias(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = ApiRoutes.ModelAlias)] HttpRequest request, string model, string alias, CancellationToken cancellationToken) =>
        _api.PromoteAsync(request, model, alias, cancellationToken).AsActionResultAsync();

    [Function(nameof(Rollback))]
    public Task<IActionResult> Rollback(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.ModelRollback)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.RollbackAsync(request, model, cancellationToken).AsActionResultAsync();

    [Function(nameof(CompareVersions))]
    public Task<IActionResult> CompareVersions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelCompare)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.CompareAsync(model, request.Query["a"], request.Query["b"], cancellationToken).AsActionResultAsync();

    [Function(nameof(PromotionHistory))]
    public Task<IActionResult> PromotionHistory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelHistory)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.HistoryAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(ApproveRun))]
    public Task<IActionResult> ApproveRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.RunApprove)] HttpRequest request, string runId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _api.ApproveAsync(request, runId, client, cancellationToken).AsActionResultAsync();

    [Function(nameof(RejectRun))]
    public Task<IActionResult> RejectRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.RunReject)] HttpRequest request, string runId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _api.RejectAsync(request, runId, client, cancellationToken).AsActionResultAsync();
}
