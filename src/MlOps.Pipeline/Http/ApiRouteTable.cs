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

    public static readonly ApiRoute Health = new("Health", Get, ApiRoutes.Health, ApiAccess.Anonymous,
        "liveness: the process answers (touches no storage, names none)");

    public static readonly ApiRoute Readiness = new("Readiness", Get, ApiRoutes.HealthReady, ApiAccess.Read,
        "readiness: blob, queue and table storage and the durable backend each answer within 2 s; else 503 naming the ones that did not");

    public static readonly ApiRoute StartRun = new("StartRun", Post, ApiRoutes.ModelRuns, ApiAccess.ChangesState,
        "`{\"blob\": \"{model}/file.csv\"}` → 202 + `Location: /api/runs/{runId}` (200 if that blob version already has a run)");

    public static readonly ApiRoute GetRun = new("GetRun", Get, ApiRoutes.Run, ApiAccess.Read,
        "run status, reason, steps with timings, orchestration status");

    public static readonly ApiRoute GetRunValidation = new("GetRunValidation", Get, ApiRoutes.RunValidation, ApiAccess.Read,
        "the data validation report: profile, findings, split sizes");

    public static readonly ApiRoute ListRunCandidates = new("ListRunCandidates", Get, ApiRoutes.RunCandidates, ApiAccess.Read,
        "every candidate trained: trainer, parameters, metrics, duration, failure");

    public static readonly ApiRoute ApproveRun = new("ApproveRun", Post, ApiRoutes.RunApprove, ApiAccess.ChangesState,
        "approve a run that waits for approval (`{\"reason\", \"by\"}`)");

    public static readonly ApiRoute RejectRun = new("RejectRun", Post, ApiRoutes.RunReject, ApiAccess.ChangesState,
        "reject a run that waits for approval (`{\"reason\", \"by\"}`)");

    public static readonly ApiRoute ListRuns = new("ListRuns", Get, ApiRoutes.ModelRuns, ApiAccess.Read,
        "a model's runs, newest first");

    public static readonly ApiRoute ListModels = new("ListModels", Get, ApiRoutes.Models, ApiAccess.Read,
        "models with production and latest version");

    public static readonly ApiRoute GetModel = new("GetModel", Get, ApiRoutes.Model, ApiAccess.Read,
        "aliases, spec version, versions with metrics");

    public static readonly ApiRoute ListModelVersions = new("ListModelVersions", Get, ApiRoutes.ModelVersions, ApiAccess.Read,
        "versions, newest first");

    public static readonly ApiRoute GetModelVersion = new("GetModelVersion", Get, ApiRoutes.ModelVersion, ApiAccess.Read,
        "one version in full");

    public static readonly ApiRoute GetModelSpec = new("GetModelSpec", Get, ApiRoutes.ModelSpec, ApiAccess.Read,
        "the pipeline spec in force");

    public static readonly ApiRoute PutModelSpec = new("PutModelSpec", Put, ApiRoutes.ModelSpec, ApiAccess.ChangesState,
        "set the pipeline spec (a new spec version)");

    public static readonly ApiRoute ListAliases = new("ListAliases", Get, ApiRoutes.ModelAliases, ApiAccess.Read,
        "aliases and the versions they point at");

    public static readonly ApiRoute PromoteAlias = new("PromoteAlias", Put, ApiRoutes.ModelAlias, ApiAccess.ChangesState,
        "`{\"version\", \"reason\", \"by\"}`: promote (ETag-checked, audited)");

    public static readonly ApiRoute Rollback = new("Rollback", Post, ApiRoutes.ModelRollback, ApiAccess.ChangesState,
        "production back to its previous version");

    public static readonly ApiRoute PromotionHistory = new("PromotionHistory", Get, ApiRoutes.ModelHistory, ApiAccess.Read,
        "promotion history");

    public static readonly ApiRoute CompareVersions = new("CompareVersions", Get, ApiRoutes.ModelCompare, ApiAccess.Read,
        "`?a=1&b=2`: two versions' metrics and deltas");

    public static readonly ApiRoute Predict = new("Predict", Post, ApiRoutes.ModelPredict, ApiAccess.Read,
        "JSON rows in (array, or `{\"rows\": [...]}`), label/score/probability out, plus the version and request id; `?alias=` or `?version=` picks another version");

    public static readonly ApiRoute PostFeedback = new("PostFeedback", Post, ApiRoutes.ModelFeedback, ApiAccess.ChangesState,
        "late labels `[{\"requestId\", \"row\", \"label\"}]` → `feedback/{model}/`");

    public static readonly ApiRoute StartMonitor = new("StartMonitor", Post, ApiRoutes.ModelMonitor, ApiAccess.ChangesState,
        "run the monitors now over the window ending now → 202 `{\"monitorId\"}`");

    public static readonly ApiRoute ListMonitors = new("ListMonitors", Get, ApiRoutes.ModelMonitors, ApiAccess.Read,
        "monitor runs: findings, retrain run, its outcome");

    public static readonly ApiRoute ListDrift = new("ListDrift", Get, ApiRoutes.ModelDrift, ApiAccess.Read,
        "drift reports, newest first");

    public static readonly ApiRoute GetDriftReport = new("GetDriftReport", Get, ApiRoutes.ModelDriftReport, ApiAccess.Read,
        "one drift report in full");

    public static readonly ApiRoute GetDriftPlot = new("GetDriftPlot", Get, ApiRoutes.ModelDriftPlot, ApiAccess.Read,
        "one drift report's PNG plot");

    public static readonly ApiRoute ListDecay = new("ListDecay", Get, ApiRoutes.ModelDecay, ApiAccess.Read,
        "decay reports: live metric per window against the test metric");

    public static readonly ApiRoute ListAlerts = new("ListAlerts", Get, ApiRoutes.ModelAlerts, ApiAccess.Read,
        "alerts, newest first");

    /// <summary>Every route, in the order the README lists them.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        Health, Readiness,
        StartRun, GetRun, GetRunValidation, ListRunCandidates, ApproveRun, RejectRun, ListRuns,
        ListModels, GetModel, ListModelVersions, GetModelVersion, GetModelSpec, PutModelSpec,
        ListAliases, PromoteAlias, Rollback, PromotionHistory, CompareVersions,
        Predict, PostFeedback,
        StartMonitor, ListMonitors, ListDrift, GetDriftReport, GetDriftPlot, ListDecay, ListAlerts,
    ];
}
