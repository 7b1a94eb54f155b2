using System.Globalization;
using System.Net;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Pipeline.Http;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Named keys with one role each (Host:Keys): every route of the table answers each role's key with 403 naming the
/// role it needs, or lets it through; the approver's name, not the body's "by", is what the history records.
/// </summary>
public sealed class RoleAccessTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly Dictionary<ApiRole, string> Keys = new()
    {
        [ApiRole.Reader] = "key-rita", [ApiRole.Predictor] = "key-pete", [ApiRole.Trainer] = "key-tina", [ApiRole.Approver] = "key-alice",
    };

    private static readonly Dictionary<ApiRole, string> Names = new()
    {
        [ApiRole.Reader] = "rita", [ApiRole.Predictor] = "pete", [ApiRole.Trainer] = "tina", [ApiRole.Approver] = "alice",
    };

    private readonly AzuriteFixture _azurite;
    private LocalRuntime _runtime = null!;
    private HttpClient _http = null!;

    public RoleAccessTests(AzuriteFixture azurite) => _azurite = azurite;

    public static TheoryData<string, ApiRole> RoutesAndRoles()
    {
        var data = new TheoryData<string, ApiRole>();
        foreach (ApiRoute route in ApiRouteTable.All.Where(r => r.Access != ApiAccess.Anonymous))
        {
            foreach (ApiRole role in Enum.GetValues<ApiRole>())
            {
                data.Add(route.Name, role);
            }
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        foreach ((ApiRole role, string key) in Keys)
        {
            settings[$"Host:Keys:{Names[role]}:Key"] = key;
            settings[$"Host:Keys:{Names[role]}:Roles"] = role.Name();
        }

        _runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, settings);
        _http = new HttpClient { BaseAddress = new Uri(_runtime.ApiBaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runtime.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(RoutesAndRoles))]
    public async Task Call_RouteWithEachRolesKey_ForbiddenNamingTheRoleOnlyWithoutIt(string routeName, ApiRole role)
    {
        ApiRoute route = ApiRouteTable.All.Single(r => r.Name == routeName);
        ApiRole needed = route.Access.RequiredRole()!.Value;

        HttpResponseMessage response = await SendAsync(route, Keys[role]);

        string body = await response.Content.ReadAsStringAsync();
        if (role == needed || needed == ApiRole.Reader)
        {
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{route.Method} {route.Path} as {role}: {(int)response.StatusCode} {body}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains($"This call needs the {needed.Name()} role; {Names[role]} has the role(s) ", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Call_NamedKeysConfigured_EveryRouteButHealthNeedsAKey()
    {
        foreach (ApiRoute route in ApiRouteTable.All)
        {
            HttpResponseMessage response = await SendAsync(route, key: null);
            Assert.True((response.StatusCode == HttpStatusCode.Unauthorized) == (route.Access != ApiAccess.Anonymous), $"{route.Method} {route.Path}: {(int)response.StatusCode}");
        }

        HttpResponseMessage wrong = await SendAsync(ApiRouteTable.ListModels, "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Approve_ApproverKeyWithAnotherNameInTheBody_HistoryRecordsTheKeysName()
    {
        var storage = _runtime.Services.GetRequiredService<MlOpsStorage>();
        var runs = _runtime.Services.GetRequiredService<RunStore>();
        var registry = _runtime.Services.GetRequiredService<ModelRegistry>();
        await storage.EnsureCreatedAsync();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient("bc/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "deployment": { "mode": "approval", "approvalTimeout": "01:00:00" },
              "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 20 } } ] } }
            """));
        await datasets.GetBlobClient("bc/data.csv").UploadAsync(File.OpenRead(TestData.BreastCancerCsv));
        RunRecord waiting = await Eventually.ValueAsync(
            async () => (await runs.ListAsync("bc")).FirstOrDefault(r => r.Status == RunStatus.WaitingForApproval || r.Status.IsTerminal()), "the run to wait for approval");
        Assert.True(waiting.Status == RunStatus.WaitingForApproval, $"{waiting.Status} {waiting.Reason}");

        HttpResponseMessage byTrainer = await PostAsync($"/api/runs/{waiting.RunId}/approve", Keys[ApiRole.Trainer], """{ "reason": "ship it" }""");
        Assert.Equal(HttpStatusCode.Forbidden, byTrainer.StatusCode);
        Assert.Contains("needs the approver role", await byTrainer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        HttpResponseMessage approve = await PostAsync($"/api/runs/{waiting.RunId}/approve", Keys[ApiRole.Approver], """{ "reason": "metrics look right", "by": "mallory" }""");
        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        Assert.Contains("\"by\":\"alice\"", await approve.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Eventually.ValueAsync(async () => (await runs.ListAsync("bc")).FirstOrDefault(r => r.Status == RunStatus.Succeeded), "the approved run to succeed");
        PromotionRecord promotion = (await registry.HistoryAsync("bc")).First();
        Assert.Equal("alice", promotion.By);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ApiKeyProvider.HeaderName, key);
        return _http.SendAsync(request);
    }

    /// <summary>The route with made-up names (a model, run and window that do not exist) and an empty JSON object as body.</summary>
    private Task<HttpResponseMessage> SendAsync(ApiRoute route, string? key)
    {
        string path = route.Path
            .Replace("{model}", "nomodel", StringComparison.Ordinal).Replace("{runId}", "norun", StringComparison.Ordinal)
            .Replace("{version}", "1", StringComparison.Ordinal).Replace("{alias}", "staging", StringComparison.Ordinal)
            .Replace("{windowId}", "nowindow", StringComparison.Ordinal);
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "x");
        if (route.Query.Count > 0)
        {
            path += "?" + string.Join('&', route.Query.Select((q, i) => string.Create(CultureInfo.InvariantCulture, $"{q.Name}={i + 1}")));
        }

        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add(ApiKeyProvider.HeaderName, key);
        }

        return _http.SendAsync(request);
    }
}
