using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>The local host's HTTP API on a real runtime: keys, status codes, locations and errors that name the problem.</summary>
public sealed class ApiTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private LocalRuntime _runtime = null!;
    private HttpClient _http = null!;

    public ApiTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        _runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:WatchBlobs"] = "false" });
        _http = new HttpClient { BaseAddress = new Uri(_runtime.ApiBaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runtime.DisposeAsync();
    }

    [Fact]
    public async Task Health_Anonymous_AliveNamingNoStorageAndCreatingNothing()
    {
        string text = await _http.GetStringAsync("/api/health");

        using JsonDocument body = JsonDocument.Parse(text);
        Assert.Equal("alive", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(["status"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Empty(await LayoutContainersAsync()); // a fresh prefix, and the probe created none of it
    }

    [Fact]
    public async Task Readiness_EveryDependencyAnswers_ReadyWithEachCheckNamedAndNothingCreated()
    {
        HttpResponseMessage response = await _http.GetAsync("/api/health/ready");

        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using JsonDocument body = JsonDocument.Parse(text);
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        JsonElement[] checks = [.. body.RootElement.GetProperty("checks").EnumerateArray()];
        Assert.Equal(["blob", "queue", "table", "durable"], checks.Select(c => c.GetProperty("name").GetString()));
        Assert.All(checks, c => Assert.True(c.GetProperty("ready").GetBoolean()));
        Assert.DoesNotContain(AzuriteEmulator.DevelopmentAccountName, text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.Empty(await LayoutContainersAsync());
    }

    [Fact]
    public void Endpoints_Mapped_AreExactlyTheRouteTable()
    {
        var endpoints = _runtime.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && e.RoutePattern.RawText != "/api/{**path}") // the fallback answers the rest
            .Select(e => (Name: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>()?.EndpointName, Method: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods.Single(), Path: e.RoutePattern.RawText!))
            .OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
        var table = MlOps.Pipeline.Http.ApiRouteTable.All.Select(r => (Name: (string?)r.Name, r.Method, Path: "/api/" + r.Template)).OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
        Assert.Equal(table, endpoints);
    }

    [Fact]
    public async Task StartRun_WithoutKey_Unauthorized()
    {
        HttpResponseMessage response = await _http.PostAsJsonAsync("/api/models/bc/runs", new { blob = "bc/x.csv" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("x-api-key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartRun_UploadedBlob_AcceptedWithLocationThenIdempotent()
    {
        var storage = _runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        await storage.Container(storage.Layout.Datasets).GetBlobClient("bc/pipeline.json").UploadAsync(BinaryData.FromString("""{ "label": "diagnosis" }"""));
        await storage.Container(storage.Layout.Datasets).GetBlobClient("bc/data.csv").UploadAsync(TestData.BreastCancerCsv);

        HttpResponseMessage first = await SendWithKeyAsync(HttpMethod.Post, "/api/models/bc/runs", """{ "blob": "datasets/bc/data.csv" }""");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        string location = first.Headers.Location!.ToString();
        Assert.StartsWith("/api/runs/bc.", location, StringComparison.Ordinal);

        HttpResponseMessage second = await SendWithKeyAsync(HttpMethod.Post, "/api/models/bc/runs", """{ "blob": "bc/data.csv" }""");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(location, second.Headers.Location!.ToString());

        RunRecord run = await EndToEndTests.WaitForTerminalRunAsync(_runtime.Services.GetRequiredService<RunStore>(), "bc", TimeSpan.FromSeconds(90));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("http", run.Trigger);
        await _runtime.Client.WaitForInstanceCompletionAsync(run.RunId); // the run record is written just before the orchestration checkpoints its end
        using JsonDocument status = JsonDocument.Parse(await _http.GetStringAsync(location));
        Assert.Equal(4, status.RootElement.GetProperty("steps").GetArrayLength());
        JsonElement decision = status.RootElement.GetProperty("run").GetProperty("decision");
        Assert.Equal("auc", decision.GetProperty("primaryMetric").GetString());
        Assert.True(decision.GetProperty("passed").GetBoolean());
        Assert.Equal("Completed", status.RootElement.GetProperty("orchestration").GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task StartRun_MissingBlob_NotFoundNamingIt()
    {
        HttpResponseMessage response = await SendWithKeyAsync(HttpMethod.Post, "/api/models/bc/runs", """{ "blob": "bc/nothing.csv" }""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("bc/nothing.csv", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartRun_BlobOfAnotherModel_BadRequest()
    {
        HttpResponseMessage response = await SendWithKeyAsync(HttpMethod.Post, "/api/models/bc/runs", """{ "blob": "other/x.csv" }""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PutSpec_UnknownField_BadRequestNamingField()
    {
        HttpResponseMessage response = await SendWithKeyAsync(HttpMethod.Put, "/api/models/bc/spec", """{ "label": "y", "colour": "red" }""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'colour' is not a known field", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutSpec_Valid_StoredAsNextVersion()
    {
        HttpResponseMessage first = await SendWithKeyAsync(HttpMethod.Put, "/api/models/spec-model/spec", """{ "label": "y" }""");
        HttpResponseMessage second = await SendWithKeyAsync(HttpMethod.Put, "/api/models/spec-model/spec", """{ "label": "z" }""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using JsonDocument stored = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(2, stored.RootElement.GetProperty("version").GetInt32());
        using JsonDocument read = JsonDocument.Parse(await _http.GetStringAsync("/api/models/spec-model/spec"));
        Assert.Equal("z", read.RootElement.GetProperty("spec").GetProperty("label").GetString());
    }

    [Fact]
    public async Task Predict_UnknownModel_NotFound()
    {
        HttpResponseMessage response = await _http.PostAsync("/api/models/nobody/predict", new StringContent("[{}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetRun_Unknown_NotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/runs/bc.0000000000000000")).StatusCode);
    }

    private Task<HttpResponseMessage> SendWithKeyAsync(HttpMethod method, string path, string json)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(ApiKeyProvider.HeaderName, "test-key");
        return _http.SendAsync(request);
    }

    /// <summary>The containers of this runtime's storage prefix that exist.</summary>
    private async Task<List<string>> LayoutContainersAsync()
    {
        var storage = _runtime.Services.GetRequiredService<MlOpsStorage>();
        var names = new List<string>();
        await foreach (Azure.Storage.Blobs.Models.BlobContainerItem container in storage.Blobs.GetBlobContainersAsync(prefix: storage.Layout.Prefix))
        {
            names.Add(container.Name);
        }

        return [.. names.Intersect(storage.Layout.AllContainers)];
    }
}
