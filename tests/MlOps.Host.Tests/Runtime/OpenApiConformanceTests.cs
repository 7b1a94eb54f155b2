using System.Net;
using System.Text.Json;
using MlOps.Host.Runtime;
using MlOps.Pipeline.Http;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>What the host serves agrees with the OpenAPI document it publishes: the document itself, and every status a route answers with.</summary>
public sealed class OpenApiConformanceTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private LocalRuntime _runtime = null!;
    private HttpClient _http = null!;

    public OpenApiConformanceTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        _runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:WatchBlobs"] = "false", ["AzureWebJobs.MonitorModels.Disabled"] = "true" });
        _http = new HttpClient { BaseAddress = new Uri(_runtime.ApiBaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runtime.DisposeAsync();
    }

    [Fact]
    public async Task OpenApi_Served_DocumentsEveryRoute()
    {
        using JsonDocument document = JsonDocument.Parse(await _http.GetStringAsync("/api/openapi.json"));

        JsonElement paths = document.RootElement.GetProperty("paths");
        Assert.All(ApiRouteTable.All, r => Assert.True(paths.TryGetProperty(r.Path, out JsonElement item) && item.TryGetProperty(r.Method.ToLowerInvariant(), out _), $"{r.Method} {r.Path} is not documented"));
    }

    [Fact]
    public async Task Root_Browser_GetsTheDashboard()
    {
        HttpResponseMessage response = await _http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>MlOps dashboard</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Each route called as a client that gets things wrong (no key, unknown names, empty bodies) answers with a status its description lists.</summary>
    [Fact]
    public async Task EveryRoute_CalledWithoutKeyOrWithUnknownNames_AnswersADocumentedStatus()
    {
        var undocumented = new List<string>();
        foreach (ApiRoute route in ApiRouteTable.All)
        {
            string path = route.Path.Replace("{model}", "no-such-model", StringComparison.Ordinal).Replace("{runId}", "no-such-model.0000", StringComparison.Ordinal)
                .Replace("{version}", "7", StringComparison.Ordinal).Replace("{alias}", "staging", StringComparison.Ordinal).Replace("{windowId}", "20260101T000000Z-20260102T000000Z", StringComparison.Ordinal);
            if (route == ApiRouteTable.CompareVersions)
            {
                path += "?a=1&b=2";
            }

            foreach (bool withKey in new[] { false, true })
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
                if (route.Method != "GET")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                if (withKey)
                {
                    request.Headers.Add(ApiKeyProvider.HeaderName, "test-key");
                }

                using HttpResponseMessage response = await _http.SendAsync(request);
                int status = (int)response.StatusCode;
                if (status != route.SuccessStatus && !route.OtherSuccessStatuses.Contains(status) && !route.ErrorStatuses.Contains(status))
                {
                    undocumented.Add($"{route.Method} {path} ({(withKey ? "key" : "no key")}): {status} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(undocumented.Count == 0, string.Join("\n", undocumented));
    }
}
