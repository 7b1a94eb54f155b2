using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>Bad uploads fail their own run with a reason, promote nothing, and leave the watcher and production working.</summary>
public sealed class BadInputTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public BadInputTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Upload_BadFiles_RejectedRunsThenGoodUploadStillServes()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString);
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        var runs = runtime.Services.GetRequiredService<RunStore>();
        await storage.EnsureCreatedAsync();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient("bc/pipeline.json").UploadAsync(BinaryData.FromString("""{ "label": "diagnosis", "positiveClass": "malignant" }"""));

        var bad = new Dictionary<string, (BinaryData Content, string Reason)>
        {
            ["bc/no-label.csv"] = (BinaryData.FromString("a,b\n1,2\n"), "label column 'diagnosis' is not in the header"),
            ["bc/empty.csv"] = (BinaryData.FromBytes([]), "is empty (0 bytes)"),
            ["bc/picture.png"] = (BinaryData.FromBytes([0x89, 0x50, 0x4E, 0x47]), "is not a CSV or Parquet file"),
        };
        foreach ((string name, (BinaryData content, _)) in bad)
        {
            await datasets.GetBlobClient(name).UploadAsync(content);
        }

        using var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl) };
        foreach ((string name, (_, string reason)) in bad)
        {
            RunRecord run = await WaitForRunOfAsync(runs, name);
            Assert.Equal(RunStatus.Rejected, run.Status);
            using JsonDocument status = JsonDocument.Parse(await http.GetStringAsync($"/api/runs/{run.RunId}"));
            Assert.Contains(reason, status.RootElement.GetProperty("run").GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        RunRecord noLabel = await WaitForRunOfAsync(runs, "bc/no-label.csv");
        using (JsonDocument report = JsonDocument.Parse(await http.GetStringAsync($"/api/runs/{noLabel.RunId}/validation")))
        {
            JsonElement finding = report.RootElement.GetProperty("findings").EnumerateArray().Single();
            Assert.Equal("label-column-missing", finding.GetProperty("code").GetString());
            Assert.Equal("error", finding.GetProperty("severity").GetString());
        }

        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        Assert.Empty(await registry.ListVersionsAsync("bc"));
        using (JsonDocument alerts = JsonDocument.Parse(await http.GetStringAsync("/api/models/bc/alerts")))
        {
            Assert.Equal(bad.Count, alerts.RootElement.EnumerateArray().Count(a => a.GetProperty("kind").GetString() == "dataRejected"));
        }

        await datasets.GetBlobClient("bc/good.csv").UploadAsync(TestData.BreastCancerCsv);
        Assert.Equal(RunStatus.Succeeded, (await WaitForRunOfAsync(runs, "bc/good.csv")).Status);

        // A later bad upload leaves production serving.
        await datasets.GetBlobClient("bc/no-label-2.csv").UploadAsync(BinaryData.FromString("a,b\n1,2\n"));
        Assert.Equal(RunStatus.Rejected, (await WaitForRunOfAsync(runs, "bc/no-label-2.csv")).Status);
        Assert.Equal(1, (await registry.GetAliasAsync("bc", ModelRegistry.Production))!.Version);
        HttpResponseMessage predict = await http.PostAsJsonAsync("/api/models/bc/predict", new[] { FirstRowFeatures() });
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
    }

    [Fact]
    public async Task Restart_SameStorageAndHub_DoesNotStartExistingUploadsAgain()
    {
        string prefix = UniqueName.For("rs");
        var settings = new Dictionary<string, string?> { ["Storage:Prefix"] = prefix, ["Host:TaskHub"] = "hub" + prefix };
        RunRecord first;
        await using (LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, settings))
        {
            var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
            await storage.EnsureCreatedAsync();
            await storage.Container(storage.Layout.Datasets).GetBlobClient("bc/no-label.csv").UploadAsync(BinaryData.FromString("a,b\n1,2\n"));
            first = await WaitForRunOfAsync(runtime.Services.GetRequiredService<RunStore>(), "bc/no-label.csv");
        }

        await using (LocalRuntime restarted = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, settings))
        {
            BlobWatcher watcher = restarted.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<BlobWatcher>().Single();
            Assert.Equal(0, await watcher.ScanAsync(CancellationToken.None));
            IReadOnlyList<RunRecord> all = await restarted.Services.GetRequiredService<RunStore>().ListAsync("bc");
            Assert.Equal(first.RunId, Assert.Single(all).RunId);
        }
    }

    private static Dictionary<string, double> FirstRowFeatures()
    {
        string[] lines = File.ReadLines(TestData.BreastCancerCsv).Take(2).ToArray();
        return lines[0].Split(',').Zip(lines[1].Split(',')).Where(p => p.First != "diagnosis")
            .ToDictionary(p => p.First, p => double.Parse(p.Second, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task<RunRecord> WaitForRunOfAsync(RunStore runs, string blob) =>
        Eventually.ValueAsync(async () => (await runs.ListAsync("bc")).FirstOrDefault(r => r.DatasetBlob == blob && r.Status.IsTerminal()),
            $"the run of {blob} to finish", TimeSpan.FromSeconds(90));
}
