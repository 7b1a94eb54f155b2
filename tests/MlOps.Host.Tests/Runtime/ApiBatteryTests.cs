using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Host.Runtime;
using MlOps.Pipeline.Http;
using MlOps.Testing;
using static MlOps.Host.Tests.Runtime.RuntimeUploads;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Every route of <see cref="ApiRouteTable"/> with every kind of bad identifier, and bodies over each limit: a 4xx
/// problem that states the rule or the limit, never a 500, an empty body or a 200 with an empty list, and nothing
/// written (no pending promotion entry).
/// </summary>
public sealed class ApiBatteryTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string[] BadModels = ["a#b", "a\\b", "a\tb", "prod uction", "Ünï", "$x", "-x", "x", new string('m', 2000)];
    private static readonly string[] BadAliases = ["a#b", "a\\b", "a\tb", "prod uction", "Ünï", "$x", "2nd", new string('a', 2000)];
    private static readonly string[] BadVersions = ["abc", "0", "-1", "1.5", "+2"];
    private static readonly string[] BadRunIds = ["bc", "bc.123", "b c.0123456789abcdef", "bc.0123456789abcdeg"];

    private readonly AzuriteFixture _azurite;
    private LocalRuntime _runtime = null!;
    private HttpClient _http = null!;

    public ApiBatteryTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        _runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:WatchBlobs"] = "false", ["MonitorSchedule"] = "off" });
        _http = Client(_runtime);

        // A registered version 1 (its artifact need not be a model to be promotable), so a bad alias meets a real version.
        byte[] artifact = Encoding.UTF8.GetBytes("an artifact");
        await _runtime.Services.GetRequiredService<Core.Storage.MlOpsStorage>().EnsureCreatedAsync();
        await _runtime.Services.GetRequiredService<ModelRegistry>().RegisterAsync(new ModelVersionRecord
        {
            Model = "bc", RunId = "bc.0123456789abcdef", ArtifactPath = string.Empty, Trainer = "LightGbm",
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(artifact)),
            Layout = new Core.Training.FeatureLayout { Label = "y", Columns = ["x", "y"], NumericFeatures = ["x"] },
        }, artifact);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runtime.DisposeAsync();
    }

    /// <summary>Each route and each of its parameters, with the rule a bad value must be refused with.</summary>
    public static TheoryData<string, string> RouteParameters()
    {
        var data = new TheoryData<string, string>();
        foreach (ApiRoute route in ApiRouteTable.All)
        {
            foreach (string parameter in new[] { "model", "alias", "version", "runId" }.Where(p => route.Path.Contains("{" + p + "}", StringComparison.Ordinal)))
            {
                data.Add(route.Name, parameter);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RouteParameters))]
    public async Task Route_InvalidIdentifier_BadRequestStatingTheRule(string routeName, string parameter)
    {
        ApiRoute route = ApiRouteTable.All.Single(r => r.Name == routeName);
        (string[] values, string rule) = parameter switch
        {
            "model" => (BadModels, ModelName.Rule),
            "alias" => (BadAliases, AliasName.Rule),
            "version" => (BadVersions, VersionNumber.Rule),
            _ => (BadRunIds, RunIds.Rule),
        };

        foreach (string value in values)
        {
            string path = Fill(route.Path, parameter, value);
            HttpResponseMessage response = await SendAsync(route.Method, path, "{}");
            string body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, $"{route.Method} {path}");
            Assert.Contains(rule, body, StringComparison.Ordinal);
        }

        // Nothing was written on the way: a refused promotion leaves no pending history entry.
        Assert.Empty(await _runtime.Services.GetRequiredService<ModelRegistry>().HistoryAsync("bc"));
        Assert.Empty(await _runtime.Services.GetRequiredService<ModelRegistry>().ListAliasesAsync("bc"));
    }

    [Theory]
    [InlineData("/api/models/bc/predict?alias=../x", AliasName.Rule)]
    [InlineData("/api/models/bc/predict?alias=", AliasName.Rule)]
    [InlineData("/api/models/bc/predict?version=abc", VersionNumber.Rule)]
    [InlineData("/api/models/bc/predict?version=", VersionNumber.Rule)]
    [InlineData("/api/models/bc/predict?version=0", VersionNumber.Rule)]
    [InlineData("/api/models/bc/compare?a=abc&b=1", VersionNumber.Rule)]
    [InlineData("/api/models/bc/compare?a=1", VersionNumber.Rule)]
    public async Task Query_InvalidAliasOrVersion_BadRequestStatingTheRuleNeverProduction(string pathAndQuery, string rule)
    {
        string method = pathAndQuery.Contains("/predict", StringComparison.Ordinal) ? "POST" : "GET";
        string body = await AssertProblemAsync(await SendAsync(method, pathAndQuery, "[{}]"), HttpStatusCode.BadRequest, pathAndQuery);
        Assert.Contains(rule, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/nothing/here", HttpStatusCode.NotFound, null)]
    [InlineData("GET", "/nothing", HttpStatusCode.NotFound, null)]
    [InlineData("DELETE", "/api/models/bc/spec", HttpStatusCode.MethodNotAllowed, "GET, PUT")]
    [InlineData("POST", "/api/models/bc/aliases/production", HttpStatusCode.MethodNotAllowed, "PUT")]
    public async Task UnknownRouteOrMethod_ProblemDetails(string method, string path, HttpStatusCode status, string? allow)
    {
        HttpResponseMessage response = await SendAsync(method, path, "{}");
        await AssertProblemAsync(response, status, $"{method} {path}");
        if (allow is not null)
        {
            Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        }
    }

    [Fact]
    public async Task PutSpec_LargeSpecsUpToTheLimit_StoredAndReadBackBeyondItRefusedNamingTheLimit()
    {
        // 1,500 names are about 46 KB (a table property holds 32K characters); 30,000 are about 0.9 MB.
        foreach (int columns in new[] { 1_500, 30_000 })
        {
            string[] ignore = [.. Enumerable.Range(0, columns).Select(IgnoredColumn)];
            string json = JsonSerializer.Serialize(new { label = "y", ignore });
            Assert.True(json.Length is > 40_000 and < PipelineSpecSerializer.MaxBytes, $"{json.Length} bytes");
            HttpResponseMessage put = await SendAsync("PUT", $"/api/models/wide{columns}/spec", json);
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
            using JsonDocument stored = JsonDocument.Parse(await _http.GetStringAsync($"/api/models/wide{columns}/spec"));
            Assert.Equal(ignore, stored.RootElement.GetProperty("spec").GetProperty("ignore").EnumerateArray().Select(e => e.GetString()));
        }

        string tooLarge = JsonSerializer.Serialize(new { label = "y", ignore = Enumerable.Range(0, 40_000).Select(IgnoredColumn) });
        string body = await AssertProblemAsync(await SendAsync("PUT", "/api/models/wide/spec", tooLarge), HttpStatusCode.RequestEntityTooLarge, "PUT spec over the limit");
        Assert.Contains(PipelineSpecSerializer.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/models/wide/spec")).StatusCode);
    }

    [Fact]
    public async Task PostFeedback_BodyOverTheServerLimit_KestrelsOwn413AsProblemDetails()
    {
        // 33 MiB: over the local host's request body limit (32 MiB), which Kestrel enforces while the handler reads.
        // Expect: 100-continue lets the server refuse before the client sends it all (the client waits for that answer
        // as long as a loaded machine may need, rather than the default second, then sends the body into a closed connection).
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = new Uri(_runtime.ApiBaseUrl) };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/models/bc/feedback") { Content = new ByteArrayContent(new byte[33 * 1024 * 1024]) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = true;
        request.Headers.Add(ApiKeyProvider.HeaderName, "test-key");
        HttpResponseMessage response = await http.SendAsync(request);
        string body = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "33 MiB feedback");
        Assert.Contains("33554432", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartRun_PipelineJsonOverTheLimit_RunRejectedNamingTheLimit()
    {
        await UploadAsync(_runtime, "big/pipeline.json", BinaryData.FromString(JsonSerializer.Serialize(new { label = "diagnosis", ignore = Enumerable.Range(0, 40_000).Select(IgnoredColumn) })));
        await UploadAsync(_runtime, "big/data.csv", BreastCancer());
        HttpResponseMessage started = await SendAsync("POST", "/api/models/big/runs", """{ "blob": "big/data.csv" }""");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        RunRecord run = await WaitForRunAsync(_runtime, "big", "big/data.csv");
        Assert.Equal(RunStatus.Rejected, run.Status);
        Assert.Contains($"over the limit of {PipelineSpecSerializer.MaxBytes} bytes for a pipeline spec", run.Reason, StringComparison.Ordinal);
    }

    private static string IgnoredColumn(int i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ignored_feature_column_{i:D5}");

    private static string Fill(string path, string parameter, string value)
    {
        var values = new Dictionary<string, string>
        {
            ["model"] = "bc", ["alias"] = "production", ["version"] = "1", ["runId"] = "bc.0123456789abcdef", ["windowId"] = "20260101T000000Z-20260102T000000Z",
        };
        values[parameter] = value;
        foreach ((string name, string v) in values)
        {
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(v), StringComparison.Ordinal);
        }

        return path;
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, string json) =>
        _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>The status, a problem-details body with a detail, and the body for further checks.</summary>
    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("title", out _), body);
        return body;
    }
}
