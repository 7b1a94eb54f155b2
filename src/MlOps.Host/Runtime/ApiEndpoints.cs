using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Http;

namespace MlOps.Host.Runtime;

/// <summary>Maps the shared handlers onto the same routes the Functions app serves, under /api.</summary>
public static class ApiEndpoints
{
    public static WebApplication MapMlOpsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder api = app.MapGroup("/api");
        api.MapGet(ApiRoutes.Health, (MlOpsApi h, CancellationToken ct) => h.HealthAsync(ct));
        api.MapGet(ApiRoutes.Models, (MlOpsApi h, CancellationToken ct) => h.ListModelsAsync(ct));
        api.MapGet(ApiRoutes.Model, (string model, MlOpsApi h, CancellationToken ct) => h.GetModelAsync(model, ct));
        api.MapGet(ApiRoutes.ModelVersions, (string model, MlOpsApi h, CancellationToken ct) => h.ListVersionsAsync(model, ct));
        api.MapGet(ApiRoutes.ModelVersion, (string model, int version, MlOpsApi h, CancellationToken ct) => h.GetVersionAsync(model, version, ct));
        api.MapGet(ApiRoutes.ModelSpec, (string model, MlOpsApi h, CancellationToken ct) => h.GetSpecAsync(model, ct));
        api.MapPut(ApiRoutes.ModelSpec, (HttpRequest req, string model, MlOpsApi h, CancellationToken ct) => h.PutSpecAsync(req, model, ct)).RequireApiKey();
        api.MapGet(ApiRoutes.ModelRuns, (string model, MlOpsApi h, CancellationToken ct) => h.ListRunsAsync(model, ct));
        api.MapPost(ApiRoutes.ModelRuns, (HttpRequest req, string model, MlOpsApi h, DurableTaskClient client, CancellationToken ct) => h.StartRunAsync(req, model, client, ct)).RequireApiKey();
        api.MapPost(ApiRoutes.ModelPredict, (HttpRequest req, string model, MlOpsApi h, CancellationToken ct) => h.PredictAsync(req, model, ct));
        api.MapGet(ApiRoutes.Run, (string runId, MlOpsApi h, DurableTaskClient client, CancellationToken ct) => h.GetRunAsync(runId, client, ct));
        api.MapGet(ApiRoutes.RunCandidates, (string runId, MlOpsApi h, CancellationToken ct) => h.ListCandidatesAsync(runId, ct));
        api.MapGet(ApiRoutes.RunValidation, (string runId, MlOpsApi h, CancellationToken ct) => h.GetValidationAsync(runId, ct));
        api.MapPost(ApiRoutes.RunApprove, (HttpRequest req, string runId, RegistryApi h, DurableTaskClient client, CancellationToken ct) => h.ApproveAsync(req, runId, client, ct)).RequireApiKey();
        api.MapPost(ApiRoutes.RunReject, (HttpRequest req, string runId, RegistryApi h, DurableTaskClient client, CancellationToken ct) => h.RejectAsync(req, runId, client, ct)).RequireApiKey();
        api.MapGet(ApiRoutes.ModelAliases, (string model, RegistryApi h, CancellationToken ct) => h.ListAliasesAsync(model, ct));
        api.MapPost(ApiRoutes.ModelAlias, (HttpRequest req, string model, string alias, RegistryApi h, CancellationToken ct) => h.PromoteAsync(req, model, alias, ct)).RequireApiKey();
        api.MapPost(ApiRoutes.ModelRollback, (HttpRequest req, string model, RegistryApi h, CancellationToken ct) => h.RollbackAsync(req, model, ct)).RequireApiKey();
        api.MapGet(ApiRoutes.ModelCompare, (string model, int a, int b, RegistryApi h, CancellationToken ct) => h.CompareAsync(model, a, b, ct));
        api.MapGet(ApiRoutes.ModelHistory, (string model, RegistryApi h, CancellationToken ct) => h.HistoryAsync(model, ct));
        api.MapGet(ApiRoutes.ModelAlerts, (string model, MonitoringApi h, CancellationToken ct) => h.ListAlertsAsync(model, ct));
        api.MapPost(ApiRoutes.ModelMonitor, (string model, MonitoringApi h, DurableTaskClient client, CancellationToken ct) => h.StartMonitorAsync(model, client, ct)).RequireApiKey();
        api.MapGet(ApiRoutes.ModelMonitors, (string model, MonitoringApi h, CancellationToken ct) => h.ListMonitorsAsync(model, ct));
        api.MapGet(ApiRoutes.ModelDrift, (string model, MonitoringApi h, CancellationToken ct) => h.ListDriftAsync(model, ct));
        api.MapGet(ApiRoutes.ModelDriftReport, (string model, string windowId, MonitoringApi h, CancellationToken ct) => h.GetDriftAsync(model, windowId, plot: false, ct));
        api.MapGet(ApiRoutes.ModelDriftPlot, (string model, string windowId, MonitoringApi h, CancellationToken ct) => h.GetDriftAsync(model, windowId, plot: true, ct));
        api.MapGet(ApiRoutes.ModelDecay, (string model, MonitoringApi h, CancellationToken ct) => h.ListDecayAsync(model, ct));
        api.MapPost(ApiRoutes.ModelFeedback, (HttpRequest req, string model, MonitoringApi h, CancellationToken ct) => h.PostFeedbackAsync(req, model, ct)).RequireApiKey();
        return app;
    }

    private static RouteHandlerBuilder RequireApiKey(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            ApiKeyProvider keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyProvider>();
            return keys.IsValid(context.HttpContext.Request.Headers[ApiKeyProvider.HeaderName])
                ? await next(context).ConfigureAwait(false)
                : Results.Problem(
                    detail: $"This call changes state: send the key from {ApiKeyProvider.DefaultKeyFile} (or Host:ApiKey) in the {ApiKeyProvider.HeaderName} header.",
                    statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
        });
}
