using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Host.Tests.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Dashboard;

/// <summary>
/// What the dashboard tests look at, made the real way once per test class: a local runtime on Azurite, a run that
/// puts v1 in production (two candidates), a second run that registers v2 without promoting it, shifted traffic and
/// a drift check with its plot, and a browser.
/// </summary>
public sealed class DashboardScenario : IAsyncLifetime
{
    public const string Model = "bc";
    public const string Key = "test-key";

    public LocalRuntime Runtime { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public HeadlessBrowser Browser { get; private set; } = null!;

    public string FirstRunId { get; private set; } = string.Empty;

    public string DriftWindowId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Runtime = await IsolatedRuntime.StartAsync(await SharedAzurite.GetConnectionStringAsync(), new Dictionary<string, string?>
        {
            ["AzureWebJobs.MonitorModels.Disabled"] = "true",
            ["Serving:PredictionLogFlushInterval"] = "00:00:00.200",
            ["Host:ApiKey"] = Key,
        });
        Http = new HttpClient { BaseAddress = new Uri(Runtime.ApiBaseUrl) };
        Http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, Key);
        var storage = Runtime.Services.GetRequiredService<MlOpsStorage>();
        var registry = Runtime.Services.GetRequiredService<ModelRegistry>();
        var runs = Runtime.Services.GetRequiredService<RunStore>();
        await storage.EnsureCreatedAsync();

        string[] lines = await File.ReadAllLinesAsync(TestData.BreastCancerCsv);
        string[] header = lines[0].Split(',');
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(','))];
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        const string Spec = """
            { "label": "diagnosis", "positiveClass": "malignant",
              "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 40 } }, { "name": "LbfgsLogisticRegression" } ] },
              "gates": { "minimumImprovement": 0 },
              "deployment": { "mode": "%MODE%" },
              "monitoring": { "window": "00:10:00", "retrain": { "enabled": false } } }
            """;
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString(Spec.Replace("%MODE%", "auto", StringComparison.Ordinal)));
        await datasets.GetBlobClient($"{Model}/first.csv").UploadAsync(BinaryData.FromString(Csv(lines[0], rows.Where((_, i) => i % 5 != 0))));
        await Eventually.UntilAsync(async () => await registry.GetAliasAsync(Model, ModelRegistry.Production) is not null, "v1 in production", TimeSpan.FromMinutes(3));
        FirstRunId = (await registry.GetVersionAsync(Model, 1))!.RunId;

        // v2: registered only (manual mode), so a promotion from the page has something to move production to.
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString(Spec.Replace("%MODE%", "manual", StringComparison.Ordinal)), overwrite: true);
        await datasets.GetBlobClient($"{Model}/second.csv").UploadAsync(BinaryData.FromString(Csv(lines[0], rows.Where((_, i) => i % 5 != 1))));
        await Eventually.UntilAsync(async () => await registry.GetVersionAsync(Model, 2) is not null
            && (await runs.ListAsync(Model)).All(r => r.Status.IsTerminal()), "v2 registered and both runs ended", TimeSpan.FromMinutes(3));

        // Shifted traffic, then a drift check over the window that holds it.
        string[][] shifted = [.. rows.Where((_, i) => i % 5 == 0).Select(r => r.Select((v, i) => i < 10 ? (double.Parse(v, CultureInfo.InvariantCulture) * 3).ToString(CultureInfo.InvariantCulture) : v).ToArray())];
        var body = shifted.Select(r => header.Select((h, i) => (h, r[i])).Where(p => p.h != "diagnosis").ToDictionary(p => p.h, p => (object)double.Parse(p.Item2, CultureInfo.InvariantCulture)));
        foreach (var chunk in body.Chunk(10))
        {
            (await Http.PostAsJsonAsync($"/api/models/{Model}/predict", chunk)).EnsureSuccessStatusCode();
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the prediction log flushes at least every 200 ms here
        (await Http.PostAsync($"/api/models/{Model}/monitor", null)).EnsureSuccessStatusCode();
        var reports = Runtime.Services.GetRequiredService<DriftReportStore>();
        await Eventually.UntilAsync(async () => (await reports.ListAsync(Model)).Any(r => r.PlotBlob is not null), "a drift report with its plot", TimeSpan.FromMinutes(2));
        DriftWindowId = (await reports.ListAsync(Model)).First(r => r.PlotBlob is not null).Window.Id;

        Browser = HeadlessBrowser.Start();
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        Http?.Dispose();
        if (Runtime is not null)
        {
            await Runtime.DisposeAsync();
        }
    }

    /// <summary>The dashboard's address for a hash route.</summary>
    public string Page(string route) => Runtime.ApiBaseUrl + "/#" + route;

    public async Task<JsonElement> GetJsonAsync(string path) => JsonDocument.Parse(await Http.GetStringAsync(path)).RootElement.Clone();

    private static string Csv(string header, IEnumerable<string[]> rows) => header + "\n" + string.Join('\n', rows.Select(r => string.Join(',', r))) + "\n";
}
