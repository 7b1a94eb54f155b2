using System.Reflection;
using System.Text.Json;
using MlOps.Functions.Http;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Tests.Http;

public class HttpFunctionsMetadataTests
{
    private const string Anonymous = "Anonymous";
    private const string FunctionKey = "Function";

    private readonly IReadOnlyDictionary<string, JsonElement> _functions = BuildOutput.LoadFunctions();

    // The routes and methods of src/MlOps.Host/Runtime/ApiEndpoints.cs; only the health probe goes without a key.
    public static TheoryData<string, string, string, string> Routes => new()
    {
        { nameof(HealthFunctions.Health), "get", ApiRoutes.Health, Anonymous },
        { nameof(ModelFunctions.ListModels), "get", ApiRoutes.Models, FunctionKey },
        { nameof(ModelFunctions.GetModel), "get", ApiRoutes.Model, FunctionKey },
        { nameof(ModelFunctions.ListModelVersions), "get", ApiRoutes.ModelVersions, FunctionKey },
        { nameof(ModelFunctions.GetModelVersion), "get", ApiRoutes.ModelVersion, FunctionKey },
        { nameof(ModelFunctions.GetModelSpec), "get", ApiRoutes.ModelSpec, FunctionKey },
        { nameof(ModelFunctions.PutModelSpec), "put", ApiRoutes.ModelSpec, FunctionKey },
        { nameof(RunFunctions.ListRuns), "get", ApiRoutes.ModelRuns, FunctionKey },
        { nameof(RunFunctions.StartRun), "post", ApiRoutes.ModelRuns, FunctionKey },
        { nameof(RunFunctions.GetRun), "get", ApiRoutes.Run, FunctionKey },
        { nameof(RunFunctions.GetRunValidation), "get", ApiRoutes.RunValidation, FunctionKey },
        { nameof(RunFunctions.ListRunCandidates), "get", ApiRoutes.RunCandidates, FunctionKey },
        { nameof(PredictionFunctions.Predict), "post", ApiRoutes.ModelPredict, FunctionKey },
        { nameof(RegistryFunctions.ListAliases), "get", ApiRoutes.ModelAliases, FunctionKey },
        { nameof(RegistryFunctions.PromoteAlias), "post", ApiRoutes.ModelAlias, FunctionKey },
        { nameof(RegistryFunctions.Rollback), "post", ApiRoutes.ModelRollback, FunctionKey },
        { nameof(RegistryFunctions.CompareVersions), "get", ApiRoutes.ModelCompare, FunctionKey },
        { nameof(RegistryFunctions.PromotionHistory), "get", ApiRoutes.ModelHistory, FunctionKey },
        { nameof(RegistryFunctions.ApproveRun), "post", ApiRoutes.RunApprove, FunctionKey },
        { nameof(RegistryFunctions.RejectRun), "post", ApiRoutes.RunReject, FunctionKey },
        { nameof(MonitoringFunctions.ListAlerts), "get", ApiRoutes.ModelAlerts, FunctionKey },
        { nameof(MonitoringFunctions.StartMonitor), "post", ApiRoutes.ModelMonitor, FunctionKey },
        { nameof(MonitoringFunctions.ListMonitors), "get", ApiRoutes.ModelMonitors, FunctionKey },
        { nameof(MonitoringFunctions.ListDrift), "get", ApiRoutes.ModelDrift, FunctionKey },
        { nameof(MonitoringFunctions.GetDriftReport), "get", ApiRoutes.ModelDriftReport, FunctionKey },
        { nameof(MonitoringFunctions.GetDriftPlot), "get", ApiRoutes.ModelDriftPlot, FunctionKey },
        { nameof(MonitoringFunctions.ListDecay), "get", ApiRoutes.ModelDecay, FunctionKey },
        { nameof(MonitoringFunctions.PostFeedback), "post", ApiRoutes.ModelFeedback, FunctionKey },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void HttpTrigger_ApiRoute_HasRouteMethodAndAuthLevel(string function, string method, string route, string authLevel)
    {
        Assert.True(_functions.TryGetValue(function, out JsonElement metadata), $"functions.metadata has no function '{function}'.");
        JsonElement trigger = BuildOutput.Binding(metadata, "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
        Assert.Contains(metadata.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    [Fact]
    public void HttpTriggers_AllFunctions_CoverEveryApiRouteOnce()
    {
        string[] declared = typeof(ApiRoutes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToArray();
        string[] served = _functions.Values.Where(f => BuildOutput.BindingTypes(f).Contains("httpTrigger"))
            .Select(f => BuildOutput.Binding(f, "httpTrigger").GetProperty("route").GetString()!).Distinct().Order().ToArray();
        Assert.Equal(declared, served);
        Assert.Equal(Routes.Count, _functions.Values.Count(f => BuildOutput.BindingTypes(f).Contains("httpTrigger")));
    }

    [Theory]
    [InlineData(nameof(RunFunctions.StartRun))]
    [InlineData(nameof(RunFunctions.GetRun))]
    [InlineData(nameof(RegistryFunctions.ApproveRun))]
    [InlineData(nameof(RegistryFunctions.RejectRun))]
    public void HttpTrigger_RunRoute_HasDurableClient(string function)
    {
        Assert.Contains("durableClient", BuildOutput.BindingTypes(_functions[function]));
    }
}
