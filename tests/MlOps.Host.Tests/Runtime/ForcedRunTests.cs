using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Runs;
using MlOps.Host.Tests.Cli;
using MlOps.Host.Runtime;
using MlOps.Testing;
using static MlOps.Host.Tests.Runtime.RuntimeUploads;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Runs are keyed by content: uploading earlier bytes again (A, B, A) starts no run. A retrain of a seen version is
/// asked for on purpose (force): a new run whose id derives from the version's latest run, so a doubled request starts one.
/// </summary>
public sealed class ForcedRunTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private const string Blob = "bc/data.csv";
    private readonly AzuriteFixture _azurite;

    public ForcedRunTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task StartRun_ForceAfterABA_OneNewRunPerRequestPairThatTrainsAgain()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["MonitorSchedule"] = "off" });
        var runs = runtime.Services.GetRequiredService<RunStore>();
        BlobWatcher watcher = runtime.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<BlobWatcher>().Single();
        using HttpClient http = Client(runtime);
        await UploadAsync(runtime, $"{Model}/pipeline.json", BinaryData.FromString($$"""{ "label": "diagnosis", "gates": { "minimumImprovement": -1 }, {{QuickTraining}} }"""));

        // A, then B, then A again under one name: two runs, the third upload is A's content and A's run.
        RunRecord a = await UploadAndWaitAsync(runtime, BreastCancer(), expectedRuns: 1);
        RunRecord b = await UploadAndWaitAsync(runtime, BreastCancer(skip: 5), expectedRuns: 2);
        await UploadAsync(runtime, Blob, BreastCancer());
        await watcher.ScanAsync(CancellationToken.None);
        await Task.Delay(1000);
        Assert.Equal(2, (await runs.ListAsync(Model)).Count);

        // Forced, twice at once: one run, the same id for both requests.
        HttpResponseMessage[] doubled = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => http.PostAsync($"/api/models/{Model}/runs", Json($$"""{ "blob": "{{Blob}}", "force": true }"""))));
        string[] ids = [.. await Task.WhenAll(doubled.Select(async r => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!))];
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(a.RunId, ids[0]);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Accepted], doubled.Select(r => r.StatusCode).Order());

        // Asked again while it runs: the same run.
        HttpResponseMessage again = await http.PostAsync($"/api/models/{Model}/runs", Json($$"""{ "blob": "{{Blob}}", "force": true }"""));
        using (JsonDocument answer = JsonDocument.Parse(await again.Content.ReadAsStringAsync()))
        {
            Assert.Equal(ids[0], answer.RootElement.GetProperty("runId").GetString());
        }

        RunRecord forced = await Eventually.ValueAsync(async () => await runs.GetAsync(ids[0]) is { } r && r.Status.IsTerminal() ? r : null, "the forced run", TimeSpan.FromSeconds(120));
        Assert.True(forced.Forced);
        Assert.True(forced.Status is RunStatus.Succeeded or RunStatus.NotPromoted, $"{forced.Status}: {forced.Reason}"); // trained again, not skipped
        Assert.Equal(3, forced.ModelVersion);
        Assert.Equal(forced.DatasetVersion, a.DatasetVersion);

        // Once it ended, forcing again (from the CLI) is another retrain.
        CliRun retrain = await new CliHarness().RunAsync("start", Model, Blob, "--force", "--wait", "--api-url", runtime.ApiBaseUrl, "--api-key", "test-key");
        Assert.True(retrain.ExitCode == 0, retrain.ToString());
        IReadOnlyList<RunRecord> all = await runs.ListAsync(Model);
        Assert.Equal(4, all.Count);
        Assert.Equal([a.RunId, b.RunId, forced.RunId], all.Select(r => r.RunId).Where(id => id != all[0].RunId).Reverse());
        Assert.Equal(4, all[0].ModelVersion);
    }

    private static async Task<RunRecord> UploadAndWaitAsync(LocalRuntime runtime, BinaryData content, int expectedRuns)
    {
        var runs = runtime.Services.GetRequiredService<RunStore>();
        await UploadAsync(runtime, Blob, content);
        return await Eventually.ValueAsync(async () =>
        {
            IReadOnlyList<RunRecord> all = await runs.ListAsync(Model);
            return all.Count == expectedRuns && all[0].Status.IsTerminal() ? all[0] : null;
        }, $"run {expectedRuns} to finish", TimeSpan.FromSeconds(120));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
