using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>The training run routes: start a run on an uploaded blob, list a model's runs, follow one run.</summary>
public sealed class RunFunctions
{
    private readonly MlOpsApi _api;

    public RunFunctions(MlOpsApi api) => _api = api;

    [Function(nameof(ListRuns))]
    public Task<IActionResult> ListRuns(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelRuns)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.ListRunsAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(StartRun))]
    public Task<IActionResult> StartRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.ModelRuns)] HttpRequest request, string model,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _api.StartRunAsync(request, model, client, cancellationToken).AsActionResultAsync();

    [Function(nameof(GetRunValidation))]
    public Task<IActionResult> GetRunValidation(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.RunValidation)] HttpRequest request, string runId, CancellationToken cancellationToken) =>
        _api.GetValidationAsync(runId, cancellationToken).AsActionResultAsync();

    [Function(nameof(ListRunCandidates))]
    public Task<IActionResult> ListRunCandidates(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.RunCandidates)] HttpRequest request, string runId, CancellationToken cancellationToken) =>
        _api.ListCandidatesAsync(runId, cancellationToken).AsActionResultAsync();

    [Function(nameof(GetRun))]
    public Task<IActionResult> GetRun(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Run)] HttpRequest request, string runId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _api.GetRunAsync(runId, client, cancellationToken).AsActionResultAsync();
}
