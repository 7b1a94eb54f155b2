using Microsoft.DurableTask.Client;
using MlOps.Core.Monitoring.Serving;
using MlOps.Pipeline.Dashboard;
using MlOps.Pipeline.Http;
using MlOps.Pipeline.Http.OpenApi;
using R = MlOps.Pipeline.Http.ApiRouteTable;

namespace MlOps.Host.Runtime;

/// <summary>Maps the shared handlers onto the routes of <see cref="ApiRouteTable"/> (the Functions app serves the same), under /api.</summary>
public static class ApiEndpoints
{
    public static WebApplication MapMlOpsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder api = app.MapGroup("/api");
        api.Map(R.Health, HealthApi.Live);
        api.Map(R.Readiness, (HealthApi h, DurableTaskClient client, CancellationToken ct) => h.ReadyAsync(client, ct));
        api.Map(R.OpenApi, () => Results.Text(OpenApiDocument.ToJson(), "application/json"));
        api.Map(R.Dashboard, (HttpRequest req, DashboardPage page) => page.Serve(req));
        // The dashboard at the site root too: `mlops serve` prints this address.
        app.MapGet("/", (HttpRequest req, DashboardPage page) => page.Serve(req)).ExcludeFromDescription();
        api.Map(R.ListModels, (MlOpsApi h, CancellationToken ct) => h.ListModelsAsync(ct));
        api.Map(R.GetModel, (string model, MlOpsApi h, CancellationToken ct) => h.GetModelAsync(model, ct));
        api.Map(R.ListModelVersions, (string model, MlOpsApi h, CancellationToken ct) => h.ListVersionsAsync(model, ct));
        api.Map(R.GetModelVersion, (string model, string version, MlOpsApi h, CancellationToken ct) => h.GetVersionAsync(model, version, ct));
        api.Map(R.GetModelSpec, (string model, MlOpsApi h, CancellationToken ct) => h.GetSpecAsync(model, ct));
        api.Map(R.PutModelSpec, (HttpRequest req, string model, MlOpsApi h, CancellationToken ct) => h.PutSpecAsync(req, model, ct));
        api.Map(R.ListRuns, (string model, MlOpsApi h, CancellationToken ct) => h.ListRunsAsync(model, ct));
        api.Map(R.StartRun, (HttpRequest req, string model, MlOpsApi h, DurableTaskClient client, CancellationToken ct) => h.StartRunAsync(req, model, client, ct));
        api.Map(R.Predict, (HttpRequest req, string model, MlOpsApi h, CancellationToken ct) => h.PredictAsync(req, model, ct));
        api.Map(R.GetRun, (string runId, MlOpsApi h, DurableTaskClient client, CancellationToken ct) => h.GetRunAsync(runId, client, ct));
        api.Map(R.ListRunCandidates, (string runId, MlOpsApi h, CancellationToken ct) => h.ListCandidatesAsync(runId, ct));
        api.Map(R.GetRunValidation, (string runId, MlOpsApi h, CancellationToken ct) => h.GetValidationAsync(runId, ct));
        api.Map(R.ApproveRun, (HttpRequest req, string runId, RegistryApi h, DurableTaskClient client, CancellationToken ct) => h.ApproveAsync(req, runId, client, ct));
        api.Map(R.RejectRun, (HttpRequest req, string runId, RegistryApi h, DurableTaskClient client, CancellationToken ct) => h.RejectAsync(req, runId, client, ct));
        api.Map(R.ListAliases, (string model, RegistryApi h, CancellationToken ct) => h.ListAliasesAsync(model, ct));
        api.Map(R.PromoteAlias, (HttpRequest req, string model, string alias, RegistryApi h, CancellationToken ct) => h.PromoteAsync(req, model, alias, ct));
        api.Map(R.Rollback, (HttpRequest req, string model, RegistryApi h, CancellationToken ct) => h.RollbackAsync(req, model, ct));
        api.Map(R.CompareVersions, (string model, string? a, string? b, RegistryApi h, CancellationToken ct) => h.CompareAsync(model, a, b, ct));
        api.Map(R.GetModelCard, (string model, string version, RegistryApi h, CancellationToken ct) => h.CardAsync(model, version, ct));
        api.Map(R.PromotionHistory, (string model, RegistryApi h, CancellationToken ct) => h.HistoryAsync(model, ct));
        api.Map(R.ListAlerts, (string model, MonitoringApi h, CancellationToken ct) => h.ListAlertsAsync(model, ct));
        api.Map(R.StartMonitor, (string model, MonitoringApi h, DurableTaskClient client, CancellationToken ct) => h.StartMonitorAsync(model, client, ct));
        api.Map(R.ListMonitors, (string model, MonitoringApi h, CancellationToken ct) => h.ListMonitorsAsync(model, ct));
        api.Map(R.ListDrift, (string model, MonitoringApi h, CancellationToken ct) => h.ListDriftAsync(model, ct));
        api.Map(R.GetDriftReport, (string model, string windowId, MonitoringApi h, CancellationToken ct) => h.GetDriftAsync(model, windowId, plot: false, ct));
        api.Map(R.GetDriftPlot, (string model, string windowId, MonitoringApi h, CancellationToken ct) => h.GetDriftAsync(model, windowId, plot: true, ct));
        api.Map(R.ListDecay, (string model, MonitoringApi h, CancellationToken ct) => h.ListDecayAsync(model, ct));
        api.Map(R.GetServingHealth, (string model, MonitoringApi h, ServingHealthMonitor health, CancellationToken ct) => h.GetServingHealthAsync(model, health, ct));
        api.Map(R.PostFeedback, (HttpRequest req, string model, MonitoringApi h, CancellationToken ct) => h.PostFeedbackAsync(req, model, ct));
        api.Map(R.GetModelCost, (string model, string? from, string? to, CostApi h, CancellationToken ct) => h.GetModelCostAsync(model, from, to, ct));
        api.Map(R.GetCost, (string? from, string? to, CostApi h, CancellationToken ct) => h.GetCostAsync(from, to, ct));
        api.Map(R.GetRecommendations, (string model, CostMonitoringApi h, CancellationToken ct) => h.RecommendAsync(model, ct));
        api.Map(R.GetPrices, (CostMonitoringApi h) => h.Prices());
        api.Map(R.RefreshPrices, (CostMonitoringApi h, CancellationToken ct) => h.RefreshPricesAsync(ct));
        api.Map(R.StartCostMonitor, (string? day, CostMonitoringApi h, DurableTaskClient client, CancellationToken ct) => h.StartAsync(day, client, ct));
        api.Map(R.ListCostReports, (CostMonitoringApi h, CancellationToken ct) => h.ListAsync(ct));
        api.Map(R.GetCostReport, (string day, CostMonitoringApi h, CancellationToken ct) => h.GetAsync(day, ct));
        api.Map(R.GetCostPlot, (string? model, string? from, string? to, CostApi h, CancellationToken ct) => h.GetCostPlotAsync(model, from, to, ct));
        api.Map(R.ListUploadAlerts, (MonitoringApi h, CancellationToken ct) => h.ListUploadAlertsAsync(ct));

        // Any other path or method under /api: a 404 or 405 problem (in Azure, the Functions host answers those itself).
        api.MapFallback("{**path}", (HttpContext context) => ApiProblems.ForUnmatched(context));
        return app;
    }

    /// <summary>Maps one route of the table with its method, template and name; every route but health checks the caller's role.</summary>
    private static RouteHandlerBuilder Map(this RouteGroupBuilder api, ApiRoute route, Delegate handler)
    {
        RouteHandlerBuilder endpoint = api.MapMethods(route.Template, [route.Method], handler).WithName(route.Name);
        return route.Access == ApiAccess.Anonymous ? endpoint : endpoint.RequireRole(route.Access);
    }

    /// <summary>
    /// A request without a key may read and predict on the loopback API (the zero-config start) until named keys are
    /// configured; anything else needs a key, and a key without the route's role gets 403 naming the role.
    /// </summary>
    private static RouteHandlerBuilder RequireRole(this RouteHandlerBuilder endpoint, ApiAccess access) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            ApiKeyProvider keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyProvider>();
            string? presented = context.HttpContext.Request.Headers[ApiKeyProvider.HeaderName];
            ApiCaller? caller = keys.Resolve(presented);
            if (caller is null && string.IsNullOrEmpty(presented) && access is (ApiAccess.Read or ApiAccess.Predict) && !keys.HasNamedKeys)
            {
                return await next(context).ConfigureAwait(false);
            }

            if (caller is null)
            {
                string problem = string.IsNullOrEmpty(presented) ? "This call needs a key" : "The key is not one of this host's keys";
                return Results.Problem(
                    detail: $"{problem}: send the key from {ApiKeyProvider.DefaultKeyFile} (or Host:ApiKey, or one of Host:Keys with the {access.RequiredRole()!.Value.Name()} role) in the {ApiKeyProvider.HeaderName} header.",
                    statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
            }

            caller.StoreOn(context.HttpContext);
            return caller.Forbidden(access) ?? await next(context).ConfigureAwait(false);
        });
}
