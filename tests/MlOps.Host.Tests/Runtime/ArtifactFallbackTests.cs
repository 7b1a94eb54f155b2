using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;
using static MlOps.Host.Tests.Runtime.RuntimeUploads;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Production's artifact missing or altered after it was promoted: a host that was serving (warm) and a host that
/// starts then (fresh) both serve the previous good version from the promotion history, log it and raise an alert,
/// and asking for the broken version by number is a 503 problem naming the artifact.
/// </summary>
public sealed class ArtifactFallbackTests : IClassFixture<TwoVersionsFixture>
{
    private const string Model = TwoVersionsFixture.Model;
    private readonly TwoVersionsFixture _fixture;

    public ArtifactFallbackTests(TwoVersionsFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("missing", "warm")]
    [InlineData("altered", "warm")]
    [InlineData("missing", "fresh")]
    [InlineData("altered", "fresh")]
    public async Task Predict_ProductionArtifactBroken_PreviousVersionServesWithAlert(string damage, string host)
    {
        LocalRuntime warm = _fixture.Runtime;
        var registry = warm.Services.GetRequiredService<ModelRegistry>();
        var storage = warm.Services.GetRequiredService<MlOpsStorage>();
        using (HttpClient warmHttp = Client(warm))
        {
            Assert.Equal(1, await PredictVersionAsync(warmHttp, string.Empty)); // v1 loaded and serving
        }

        // Promoted while its artifact was sound (promotion verifies it), broken before any host loaded it.
        ModelVersionRecord v2 = (await registry.GetVersionAsync(Model, 2))!;
        BlobClient artifact = storage.Container(storage.Layout.Models).GetBlobClient(v2.ArtifactPath);
        BinaryData original = (await artifact.DownloadContentAsync()).Value.Content;
        await registry.PromoteAsync(Model, ModelRegistry.Production, 2, 1, "test", $"{damage} on a {host} host");
        AliasRecord moved = (await registry.GetAliasAsync(Model, ModelRegistry.Production))!;
        if (damage == "missing")
        {
            await artifact.DeleteAsync();
        }
        else
        {
            await artifact.UploadAsync(BinaryData.FromString("not the model you trained"), overwrite: true);
        }

        LocalRuntime? fresh = host == "fresh" ? await _fixture.StartHostAsync(MlOps.Testing.UniqueName.For("fresh")) : null;
        try
        {
            await Task.Delay(TwoVersionsFixture.RefreshBound * 2);
            using HttpClient http = Client(fresh ?? warm);
            Assert.Equal(1, await PredictVersionAsync(http, string.Empty));
            // A warm host re-reads the alias off the request path: that request started the refresh, and the alert says
            // the refresh saw v2 refused. Requests after it are still answered by v1.
            await Eventually.UntilAsync(async () =>
            {
                using JsonDocument alerts = JsonDocument.Parse(await http.GetStringAsync($"/api/models/{Model}/alerts"));
                return alerts.RootElement.EnumerateArray().Any(a => a.GetProperty("kind").GetString() == "artifactRefused"
                    && a.GetProperty("at").GetDateTimeOffset() == moved.UpdatedAt
                    && a.GetProperty("message").GetString()!.Contains($"({damage}); serving v1", StringComparison.Ordinal));
            }, $"an artifactRefused alert for the move to v2 ({damage})", TimeSpan.FromSeconds(30));
            Assert.Equal(1, await PredictVersionAsync(http, string.Empty));

            HttpResponseMessage direct = await http.PostAsJsonAsync($"/api/models/{Model}/predict?version=2", new[] { FirstRowFeatures() });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, direct.StatusCode);
            Assert.Equal("application/problem+json", direct.Content.Headers.ContentType?.MediaType);
            string problem = await direct.Content.ReadAsStringAsync();
            Assert.Contains(v2.ArtifactPath, problem, StringComparison.Ordinal);
            Assert.Contains(damage == "missing" ? "it is missing" : "SHA-256", problem, StringComparison.Ordinal);
        }
        finally
        {
            if (fresh is not null)
            {
                await fresh.DisposeAsync();
            }

            await artifact.UploadAsync(original, overwrite: true);
            await registry.PromoteAsync(Model, ModelRegistry.Production, 1, 2, "test", "restore");
        }
    }

    [Fact]
    public async Task Promote_ArtifactAltered_ConflictNamingTheArtifactAndNothingRecorded()
    {
        var registry = _fixture.Runtime.Services.GetRequiredService<ModelRegistry>();
        var storage = _fixture.Runtime.Services.GetRequiredService<MlOpsStorage>();
        ModelVersionRecord v2 = (await registry.GetVersionAsync(Model, 2))!;
        BlobClient artifact = storage.Container(storage.Layout.Models).GetBlobClient(v2.ArtifactPath);
        BinaryData original = (await artifact.DownloadContentAsync()).Value.Content;
        int history = (await registry.HistoryAsync(Model)).Count;
        await artifact.UploadAsync(BinaryData.FromString("not the model you trained"), overwrite: true);
        try
        {
            using HttpClient http = Client(_fixture.Runtime);
            HttpResponseMessage response = await http.PutAsJsonAsync($"/api/models/{Model}/aliases/staging", new { version = 2, reason = "tampered" });
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains(v2.ArtifactPath, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(history, (await registry.HistoryAsync(Model)).Count);
            Assert.Null(await registry.GetAliasAsync(Model, "staging"));
        }
        finally
        {
            await artifact.UploadAsync(original, overwrite: true);
        }
    }

    private static async Task<int> PredictVersionAsync(HttpClient http, string query)
    {
        HttpResponseMessage response = await http.PostAsJsonAsync($"/api/models/{Model}/predict{query}", new[] { FirstRowFeatures() });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        using JsonDocument answer = JsonDocument.Parse(body);
        return answer.RootElement.GetProperty("version").GetInt32();
    }
}
