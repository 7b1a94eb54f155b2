using System.Text.Json;
using MlOps.Functions.Http;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Tests.Http;

public class HttpFunctionsMetadataTests
{
    private const string Anonymous = "Anonymous";
    private const string FunctionKey = "Function";

    private readonly IReadOnlyDictionary<string, JsonElement> _functions = BuildOutput.LoadFunctions();

    // Every route of the shared table, as the Functions app must serve it; only the health probe goes without a key.
    public static TheoryData<string> Routes => new(ApiRouteTable.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Routes))]
    public void HttpTrigger_ApiRoute_HasRouteMethodAndAuthLevel(string function)
    {
        ApiRoute route = ApiRouteTable.All.Single(r => r.Name == function);
        Assert.True(_functions.TryGetValue(function, out JsonElement metadata), $"functions.metadata has no function '{function}'.");
        JsonElement trigger = BuildOutput.Binding(metadata, "httpTrigger");
        Assert.Equal(route.Template, trigger.GetProperty("route").GetString());
        Assert.Equal([route.Method.ToLowerInvariant()], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route.Access == ApiAccess.Anonymous ? Anonymous : FunctionKey, trigger.GetProperty("authLevel").GetString());
        Assert.Contains(metadata.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    [Fact]
    public void HttpTriggers_AllFunctions_AreExactlyTheRouteTable()
    {
        string[] served = [.. _functions.Where(f => BuildOutput.BindingTypes(f.Value).Contains("httpTrigger")).Select(f => f.Key).Order(StringComparer.Ordinal)];
        Assert.Equal(ApiRouteTable.All.Select(r => r.Name).Order(StringComparer.Ordinal), served);
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
