using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>The model registry and pipeline spec routes.</summary>
public sealed class ModelFunctions
{
    private readonly MlOpsApi _api;

    public ModelFunctions(MlOpsApi api) => _api = api;

    [Function(nameof(ListModels))]
    public Task<IActionResult> ListModels(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Models)] HttpRequest request, CancellationToken cancellationToken) =>
        _api.ListModelsAsync(cancellationToken).AsActionResultAsync();

    [Function(nameof(GetModel))]
    public Task<IActionResult> GetModel(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Model)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.GetModelAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(ListModelVersions))]
    public Task<IActionResult> ListModelVersions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelVersions)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.ListVersionsAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(GetModelVersion))]
    public Task<IActionResult> GetModelVersion(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelVersion)] HttpRequest request, string model, string version, CancellationToken cancellationToken) =>
        _api.GetVersionAsync(model, version, cancellationToken).AsActionResultAsync();

    [Function(nameof(GetModelSpec))]
    public Task<IActionResult> GetModelSpec(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ModelSpec)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.GetSpecAsync(model, cancellationToken).AsActionResultAsync();

    [Function(nameof(PutModelSpec))]
    public Task<IActionResult> PutModelSpec(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = ApiRoutes.ModelSpec)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.PutSpecAsync(request, model, cancellationToken).AsActionResultAsync();
}
