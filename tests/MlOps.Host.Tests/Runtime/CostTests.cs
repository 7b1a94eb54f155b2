using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Cost;
using MlOps.Core.Registry;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Cost on a real runtime: a run's and its candidates' cost, serving measured per version, the task hub's own traffic
/// as overhead, and the cost routes and plot.
/// </summary>
public sealed class CostTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public CostTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task CostRoutes_AfterARunAndPredictions_ShowMeasuredCostsByStageVersionAndDay()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl) };
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        var datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "positiveClass": "malignant", "training": { "trainers": [ { "name": "LightGbm", "search": { "numberOfLeaves": [4, 8] } } ] } }
            """));
        string[] lines = await File.ReadAllLinesAsync(TestData.BreastCancerCsv);
        await datasets.GetBlobClient($"{Model}/data.csv").UploadAsync(BinaryData.FromString(string.Join('\n', lines) + "\n"));
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        await Eventually.UntilAsync(async () => await registry.GetAliasAsync(Model, ModelRegistry.Production) is not null, "v1 in production", TimeSpan.FromMinutes(3));
        ModelVersionRecord v1 = (await registry.GetVersionAsync(Model, 1))!;
        await runtime.Client.WaitForInstanceCompletionAsync(v1.RunId); // the run's last steps are metered after the alias moves

        // The run: cost by stage and in total, each candidate's cost.
        using JsonDocument run = await GetJsonAsync(http, $"/api/runs/{v1.RunId}");
        JsonElement cost = run.RootElement.GetProperty("cost");
        string[] stages = [.. cost.GetProperty("byStage").EnumerateObject().Select(p => p.Name)];
        Assert.Equal(["ingest", "train", "evaluate", "deploy", "orchestration"], stages);
        Assert.Equal(cost.GetProperty("byStage").EnumerateObject().Sum(p => p.Value.GetDouble()), cost.GetProperty("total").GetDouble(), 12);
        Assert.True(cost.GetProperty("total").GetDouble() > 0);
        using JsonDocument candidates = await GetJsonAsync(http, $"/api/runs/{v1.RunId}/candidates");
        Assert.All(candidates.RootElement.EnumerateArray(), c => Assert.True(c.GetProperty("cost").GetDouble() > 0));
        Assert.NotNull(v1.HoldoutServingCostPer1000);

        // Serving: 20 requests of 3 rows, measured per version.
        string header = lines[0];
        for (int i = 0; i < 20; i++)
        {
            string rows = "[" + string.Join(",", lines.Skip(1 + (i * 3)).Take(3).Select(l => RowJson(header, l))) + "]";
            using HttpResponseMessage answer = await http.PostAsync($"/api/models/{Model}/predict", new StringContent(rows, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        await runtime.Services.GetRequiredService<PredictionLog>().FlushAsync();
        await runtime.Services.GetRequiredService<CostRecorder>().FlushAsync();

        using JsonDocument version = await GetJsonAsync(http, $"/api/models/{Model}/versions/1");
        JsonElement versionCost = version.RootElement.GetProperty("cost");
        Assert.Equal(60, versionCost.GetProperty("predictions").GetInt64());
        Assert.Equal(cost.GetProperty("total").GetDouble(), versionCost.GetProperty("training").GetDouble(), 12);
        double per1000 = versionCost.GetProperty("servingPer1000Predictions").GetDouble();
        Assert.Equal(versionCost.GetProperty("serving").GetDouble() / 60 * 1000, per1000, 12);
        Assert.True(per1000 > 0);
        CostLedgerEntry served = Assert.Single(await ServingRowsAsync(runtime));
        Assert.Equal(20, served.Serving!.Requests);
        Assert.Equal(60, served.Serving.Rows);
        Assert.True(served.Serving.LogAppends > 0 && served.Serving.LogBytes > 0);
        Assert.Contains(served.Usage.Storage, s => s.Service == StorageService.Blob && s.Class == StorageOperationClass.Write);

        // The task hub's own queue and table traffic, as orchestration overhead.
        List<CostLedgerEntry> platform = [];
        await foreach (CostLedgerEntry entry in runtime.Services.GetRequiredService<CostLedger>().ListAsync(CostStages.PlatformModel))
        {
            platform.Add(entry);
        }

        CostLedgerEntry hub = Assert.Single(platform, e => e.Stage == CostStages.Orchestration);
        Assert.True(hub.Usage.StorageCount(StorageService.Queue) > 0 && hub.Usage.StorageCount(StorageService.Table) > 0);

        // The model's and every model's costs, and the plot.
        using JsonDocument model = await GetJsonAsync(http, $"/api/models/{Model}/cost");
        Assert.Contains("serving", model.RootElement.GetProperty("byStage").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, Assert.Single(model.RootElement.GetProperty("versions").EnumerateArray()).GetProperty("version").GetInt32());
        using JsonDocument all = await GetJsonAsync(http, "/api/cost");
        Assert.Contains(Model, all.RootElement.GetProperty("byModel").EnumerateObject().Select(p => p.Name));
        Assert.Contains(CostStages.PlatformModel, all.RootElement.GetProperty("byModel").EnumerateObject().Select(p => p.Name));
        Assert.Equal(PriceSheetDefaults.ListPrices.Version, all.RootElement.GetProperty("priceSheet").GetProperty("version").GetString());
        using HttpResponseMessage plot = await http.GetAsync("/api/cost/plot");
        Assert.Equal("image/png", plot.Content.Headers.ContentType?.MediaType);
        byte[] png = await plot.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        int stored = 0;
        await foreach (var _ in storage.Container(storage.Layout.Reports).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "cost/all/", default))
        {
            stored++;
        }

        Assert.Equal(1, stored);

        using HttpResponseMessage bad = await http.GetAsync($"/api/models/{Model}/cost?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'from' must be a date as yyyy-MM-dd, got 'yesterday'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<CostLedgerEntry>> ServingRowsAsync(LocalRuntime runtime)
    {
        var rows = new List<CostLedgerEntry>();
        await foreach (CostLedgerEntry entry in runtime.Services.GetRequiredService<CostLedger>().ListAsync(Model))
        {
            if (entry.Kind == CostKind.Serving)
            {
                rows.Add(entry);
            }
        }

        return rows;
    }

    private static string RowJson(string header, string line)
    {
        string[] names = header.Split(','), values = line.Split(',');
        return "{" + string.Join(",", names.Zip(values).Where(p => p.First != "diagnosis").Select(p => $"\"{p.First}\": {p.Second}")) + "}";
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, string path)
    {
        using HttpResponseMessage response = await http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
