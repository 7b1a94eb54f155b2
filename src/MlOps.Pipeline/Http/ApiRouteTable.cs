using MlOps.Core.Alerts;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Decay;
using MlOps.Core.Monitoring.Serving;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Specs;

namespace MlOps.Pipeline.Http;

/// <summary>
/// Every route of the HTTP API, once. The local host maps these entries; the Functions app's attribute-bound
/// triggers use the same templates and names, and tests hold the generated functions.metadata, the local endpoints
/// and the README's route table to this list.
/// </summary>
public static class ApiRouteTable
{
    private const string Get = "GET";
    private const string Post = "POST";
    private const string Put = "PUT";

    private static readonly ApiParameter[] CostDays =
    [
        new("from", "string", "first day, yyyy-MM-dd (default: 30 days ago)"), new("to", "string", "last day, yyyy-MM-dd (default: today)"),
    ];

    public static readonly ApiRoute Health = new("Health", Get, ApiRoutes.Health, ApiAccess.Anonymous,
        "liveness: the process answers (touches no storage, names none)");

    public static readonly ApiRoute Readiness = new("Readiness", Get, ApiRoutes.HealthReady, ApiAccess.Read,
        "readiness: blob, queue and table storage and the durable backend each answer within 2 s; else 503 naming the ones that did not")
    { ExtraErrorStatuses = [503] };

    public static readonly ApiRoute OpenApi = new("GetOpenApi", Get, ApiRoutes.OpenApi, ApiAccess.Read,
        "this API as an OpenAPI 3.1 document");

    public static readonly ApiRoute Dashboard = new("Dashboard", Get, ApiRoutes.Dashboard, ApiAccess.Read,
        "the dashboard (the local host also serves it at `/`)")
    { ResponseMediaType = "text/html", OtherSuccessStatuses = [304] };

    public static readonly ApiRoute StartRun = new("StartRun", Post, ApiRoutes.ModelRuns, ApiAccess.ChangesState,
        "`{\"blob\": \"{model}/file.csv\"}` → 202 + `Location: /api/runs/{runId}` (200 if that blob version already has a run); `\"force\": true` trains it again")
    { RequestBody = typeof(StartRunRequest), SuccessStatus = 202, OtherSuccessStatuses = [200] };

    public static readonly ApiRoute GetRun = new("GetRun", Get, ApiRoutes.Run, ApiAccess.Read,
        "run status, reason, steps with timings, orchestration status");

    public static readonly ApiRoute GetRunValidation = new("GetRunValidation", Get, ApiRoutes.RunValidation, ApiAccess.Read,
        "the data validation report: profile, findings, split sizes");

    public static readonly ApiRoute ListRunCandidates = new("ListRunCandidates", Get, ApiRoutes.RunCandidates, ApiAccess.Read,
        "every candidate trained: trainer, parameters, metrics, duration, failure")
    { ResponseBody = typeof(IReadOnlyList<CandidateRecord>) };

    public static readonly ApiRoute ApproveRun = new("ApproveRun", Post, ApiRoutes.RunApprove, ApiAccess.Approve,
        "approve a run that waits for approval (`{\"reason\", \"by\"}`)")
    { RequestBody = typeof(DecisionRequest), SuccessStatus = 202, ExtraErrorStatuses = [409] };

    public static readonly ApiRoute RejectRun = new("RejectRun", Post, ApiRoutes.RunReject, ApiAccess.Approve,
        "reject a run that waits for approval (`{\"reason\", \"by\"}`)")
    { RequestBody = typeof(DecisionRequest), SuccessStatus = 202, ExtraErrorStatuses = [409] };

    public static readonly ApiRoute ListRuns = new("ListRuns", Get, ApiRoutes.ModelRuns, ApiAccess.Read,
        "a model's runs, newest first")
    { ResponseBody = typeof(IReadOnlyList<RunRecord>) };

    public static readonly ApiRoute ListModels = new("ListModels", Get, ApiRoutes.Models, ApiAccess.Read,
        "models with production and latest version");

    public static readonly ApiRoute GetModel = new("GetModel", Get, ApiRoutes.Model, ApiAccess.Read,
        "aliases, spec version, versions with metrics");

    public static readonly ApiRoute ListModelVersions = new("ListModelVersions", Get, ApiRoutes.ModelVersions, ApiAccess.Read,
        "versions, newest first");

    public static readonly ApiRoute GetModelVersion = new("GetModelVersion", Get, ApiRoutes.ModelVersion, ApiAccess.Read,
        "one version in full")
    { ResponseBody = typeof(ModelVersionRecord) };

    public static readonly ApiRoute GetModelCard = new("GetModelCard", Get, ApiRoutes.ModelVersionCard, ApiAccess.Read,
        "the version's model card, composed from its stored records: data and personal-data decisions, training choices, metrics with CV spread, importance, known limitations (overfit, imbalance, drift), gate decision and promotions")
    { ResponseBody = typeof(MlOps.Core.Registry.Cards.ModelCard) };

    public static readonly ApiRoute GetModelSpec = new("GetModelSpec", Get, ApiRoutes.ModelSpec, ApiAccess.Read,
        "the pipeline spec in force")
    { ResponseBody = typeof(SpecVersionRecord) };

    public static readonly ApiRoute PutModelSpec = new("PutModelSpec", Put, ApiRoutes.ModelSpec, ApiAccess.ChangesState,
        "set the pipeline spec (a new spec version)")
    { RequestBody = typeof(PipelineSpec), ResponseBody = typeof(SpecVersionRecord) };

    public static readonly ApiRoute ListAliases = new("ListAliases", Get, ApiRoutes.ModelAliases, ApiAccess.Read,
        "aliases and the versions they point at")
    { ResponseBody = typeof(IReadOnlyList<AliasRecord>) };

    public static readonly ApiRoute PromoteAlias = new("PromoteAlias", Put, ApiRoutes.ModelAlias, ApiAccess.Approve,
        "`{\"version\", \"reason\", \"by\"}`: promote (ETag-checked, artifact verified, audited); across a schema change add `\"acknowledgeSchemaChange\": true`")
    { RequestBody = typeof(PromoteRequest), ResponseBody = typeof(PromotionRecord), ExtraErrorStatuses = [409] };

    public static readonly ApiRoute Rollback = new("Rollback", Post, ApiRoutes.ModelRollback, ApiAccess.Approve,
        "production back to its previous version (`{\"reason\", \"by\"}`, and `\"acknowledgeSchemaChange\"` across a schema change)")
    { RequestBody = typeof(DecisionRequest), ResponseBody = typeof(PromotionRecord), ExtraErrorStatuses = [409] };

    public static readonly ApiRoute PromotionHistory = new("PromotionHistory", Get, ApiRoutes.ModelHistory, ApiAccess.Read,
        "promotion history")
    { ResponseBody = typeof(IReadOnlyList<PromotionRecord>) };

    public static readonly ApiRoute CompareVersions = new("CompareVersions", Get, ApiRoutes.ModelCompare, ApiAccess.Read,
        "`?a=1&b=2`: two versions' metrics and deltas")
    {
        Query = [new("a", "integer", "the first version", Required: true), new("b", "integer", "the second version", Required: true)],
    };

    public static readonly ApiRoute Predict = new("Predict", Post, ApiRoutes.ModelPredict, ApiAccess.Predict,
        "JSON rows in (array, or `{\"rows\": [...]}`), label/score/probability out, plus the version and request id; `?alias=` or `?version=` picks another version; `?explain=true` adds each row's top feature contributions (422 for a multiclass model)")
    {
        Query =
        [
            new("alias", "string", "serve the version this alias points at (default: production)"), new("version", "integer", "serve this version"),
            new(ExplainQuery.Explain, "boolean", "add `explanation` to each prediction: `bias` plus every column's contribution is the raw score (binary: the margin before the sigmoid; regression: the value); binary and regression models only (else 422)"),
            new(ExplainQuery.Top, "integer", "with `explain=true`: how many contributions to list, largest by absolute value first (default 5, 1 to 100); `rest` sums the others"),
        ],
        RequestBody = typeof(IReadOnlyList<Dictionary<string, object>>), ResponseBody = typeof(PredictionResult), ExtraErrorStatuses = [422, 503],
    };

    public static readonly ApiRoute PostFeedback = new("PostFeedback", Post, ApiRoutes.ModelFeedback, ApiAccess.Predict,
        "late labels `[{\"requestId\", \"row\", \"label\"}]` → `feedback/{model}/`")
    { RequestBody = typeof(IReadOnlyList<FeedbackRow>), SuccessStatus = 202 };

    public static readonly ApiRoute StartMonitor = new("StartMonitor", Post, ApiRoutes.ModelMonitor, ApiAccess.ChangesState,
        "run the monitors now over the window ending now → 202 `{\"monitorId\"}`")
    { SuccessStatus = 202, ExtraErrorStatuses = [409] };

    public static readonly ApiRoute ListMonitors = new("ListMonitors", Get, ApiRoutes.ModelMonitors, ApiAccess.Read,
        "monitor runs: findings, retrain run, its outcome")
    { ResponseBody = typeof(IReadOnlyList<MonitorRecord>) };

    public static readonly ApiRoute ListDrift = new("ListDrift", Get, ApiRoutes.ModelDrift, ApiAccess.Read,
        "drift reports, newest first")
    { ResponseBody = typeof(IReadOnlyList<DriftReportSummary>) };

    public static readonly ApiRoute GetDriftReport = new("GetDriftReport", Get, ApiRoutes.ModelDriftReport, ApiAccess.Read,
        "one drift report in full")
    { ResponseBody = typeof(DriftReport) };

    public static readonly ApiRoute GetDriftPlot = new("GetDriftPlot", Get, ApiRoutes.ModelDriftPlot, ApiAccess.Read,
        "one drift report's PNG plot")
    { ResponseMediaType = "image/png" };

    public static readonly ApiRoute ListDecay = new("ListDecay", Get, ApiRoutes.ModelDecay, ApiAccess.Read,
        "decay reports: live metric per window against the test metric")
    { ResponseBody = typeof(IReadOnlyList<DecayReport>) };

    public static readonly ApiRoute GetServingHealth = new("GetServingHealth", Get, ApiRoutes.ModelServingHealth, ApiAccess.Read,
        "serving health over the monitor window: requests, error rate, p50/p95/p99 per version, thresholds breached")
    { ResponseBody = typeof(IReadOnlyList<ServingHealthReport>), ExtraErrorStatuses = [502] };

    public static readonly ApiRoute ListAlerts = new("ListAlerts", Get, ApiRoutes.ModelAlerts, ApiAccess.Read,
        "alerts, newest first")
    { ResponseBody = typeof(IReadOnlyList<AlertRecord>) };

    public static readonly ApiRoute ListUploadAlerts = new("ListUploadAlerts", Get, ApiRoutes.UploadAlerts, ApiAccess.Read,
        "alerts about uploads no model could take (a folder name that breaks the model-name rule), newest first")
    { ResponseBody = typeof(IReadOnlyList<AlertRecord>) };

    public static readonly ApiRoute GetModelCost = new("GetModelCost", Get, ApiRoutes.ModelCost, ApiAccess.Read,
        "`?from=&to=` (yyyy-MM-dd, default the last 30 days): the model's cost in total, by stage and by day, each version's training cost and serving cost per 1,000 predictions")
    { Query = CostDays };

    public static readonly ApiRoute GetCost = new("GetCost", Get, ApiRoutes.Cost, ApiAccess.Read,
        "`?from=&to=`: every model's cost (and the platform's overhead) by day and stage, with the price sheet in force")
    { Query = CostDays };

    public static readonly ApiRoute GetCostPlot = new("GetCostPlot", Get, ApiRoutes.CostPlot, ApiAccess.Read,
        "`?from=&to=&model=`: PNG of cost per day by model and by stage (also stored in `reports/cost/`)")
    { Query = [.. CostDays, new("model", "string", "one model's cost (default: every model's)")], ResponseMediaType = "image/png" };

    public static readonly ApiRoute GetRecommendations = new("GetRecommendations", Get, ApiRoutes.ModelRecommendations, ApiAccess.Read,
        "ways to spend less, each with its estimated monthly saving: trainers that rarely win but cost most, instance memory against the measured peak, idle versions and aliases, prediction-log retention");

    public static readonly ApiRoute StartCostMonitor = new("StartCostMonitor", Post, ApiRoutes.CostMonitor, ApiAccess.ChangesState,
        "`?day=yyyy-MM-dd` (default today so far): reconcile the ledger with Azure's metered and billed cost now → 202 `{\"monitorId\", \"day\"}`")
    { SuccessStatus = 202, Query = [new("day", "string", "the UTC day to report, yyyy-MM-dd (default: today so far)")] };

    public static readonly ApiRoute ListCostReports = new("ListCostReports", Get, ApiRoutes.CostReports, ApiAccess.Read,
        "daily cost reports, newest first: estimated, metered and billed cost per model, anomalies")
    { ResponseBody = typeof(IReadOnlyList<MlOps.Core.Cost.Reconciliation.DailyCostReport>) };

    public static readonly ApiRoute GetCostReport = new("GetCostReport", Get, ApiRoutes.CostReport, ApiAccess.Read,
        "one day's cost report in full: per model, stage and run, the Azure figures and scale factors behind them")
    { ResponseBody = typeof(MlOps.Core.Cost.Reconciliation.DailyCostReport) };

    public static readonly ApiRoute GetPrices = new("GetPrices", Get, ApiRoutes.CostPrices, ApiAccess.Read,
        "the price sheet in force: each price with its source and date, the billing rules, its version");

    public static readonly ApiRoute RefreshPrices = new("RefreshPrices", Post, ApiRoutes.CostPricesRefresh, ApiAccess.ChangesState,
        "refresh the list prices from the Azure Retail Prices API now (409 unless `Cost:PriceRefresh:Enabled`): the dated version, the prices that changed, meters not found")
    { ResponseBody = typeof(MlOps.Core.Cost.Pricing.PriceRefreshResult), ExtraErrorStatuses = [409, 502] };

    /// <summary>Every route, in the order the README lists them.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        Health, Readiness, OpenApi, Dashboard,
        StartRun, GetRun, GetRunValidation, ListRunCandidates, ApproveRun, RejectRun, ListRuns,
        ListModels, GetModel, ListModelVersions, GetModelVersion, GetModelCard, GetModelSpec, PutModelSpec,
        ListAliases, PromoteAlias, Rollback, PromotionHistory, CompareVersions,
        Predict, PostFeedback,
        StartMonitor, ListMonitors, ListDrift, GetDriftReport, GetDriftPlot, ListDecay, GetServingHealth, ListAlerts, ListUploadAlerts,
        GetModelCost, GetCost, GetCostPlot, GetRecommendations, StartCostMonitor, ListCostReports, GetCostReport, GetPrices, RefreshPrices,
    ];
}
