namespace MlOps.Pipeline.Http;

/// <summary>The HTTP routes both hosts serve (the Functions app under its default "api" prefix, the local host likewise).</summary>
public static class ApiRoutes
{
    public const string Health = "health";
    public const string HealthReady = "health/ready";
    public const string OpenApi = "openapi.json";
    public const string Dashboard = "dashboard";
    public const string Models = "models";
    public const string Model = "models/{model}";
    public const string ModelVersions = "models/{model}/versions";
    public const string ModelVersion = "models/{model}/versions/{version}";
    public const string ModelVersionCard = "models/{model}/versions/{version}/card";
    public const string ModelSpec = "models/{model}/spec";
    public const string ModelRuns = "models/{model}/runs";
    public const string ModelPredict = "models/{model}/predict";
    public const string Run = "runs/{runId}";
    public const string RunValidation = "runs/{runId}/validation";
    public const string RunCandidates = "runs/{runId}/candidates";
    public const string RunApprove = "runs/{runId}/approve";
    public const string RunReject = "runs/{runId}/reject";
    public const string ModelAliases = "models/{model}/aliases";
    public const string ModelAlias = "models/{model}/aliases/{alias}";
    public const string ModelRollback = "models/{model}/rollback";
    public const string ModelCompare = "models/{model}/compare";
    public const string ModelHistory = "models/{model}/history";
    public const string ModelAlerts = "models/{model}/alerts";
    public const string ModelMonitor = "models/{model}/monitor";
    public const string ModelMonitors = "models/{model}/monitors";
    public const string ModelDrift = "models/{model}/drift";
    public const string ModelDriftReport = "models/{model}/drift/{windowId}";
    public const string ModelDriftPlot = "models/{model}/drift/{windowId}/plot";
    public const string ModelDecay = "models/{model}/decay";
    public const string ModelServingHealth = "models/{model}/serving-health";
    public const string ModelFeedback = "models/{model}/feedback";
    public const string ModelCost = "models/{model}/cost";
    public const string Cost = "cost";
    public const string CostPlot = "cost/plot";
    public const string ModelRecommendations = "models/{model}/recommendations";
    public const string CostMonitor = "cost/monitor";
    public const string CostPrices = "cost/prices";
    public const string CostPricesRefresh = "cost/prices/refresh";
    public const string CostReports = "cost/reports";
    public const string CostReport = "cost/reports/{day}";
    public const string UploadAlerts = "alerts/uploads";

    public static string RunLocation(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}";
}
