using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>Real-time predictions from a model's production version (or the alias/version in the query).</summary>
public sealed class PredictionFunctions
{
    private readonly MlOpsApi _api;

    public PredictionFunctions(MlOpsApi api) => _api = api;

    [Function(nameof(Predict))]
    public Task<IActionResult> Predict(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.ModelPredict)] HttpRequest request, string model, CancellationToken cancellationToken) =>
        _api.PredictAsync(request, model, cancellationToken).AsActionResultAsync();
}
