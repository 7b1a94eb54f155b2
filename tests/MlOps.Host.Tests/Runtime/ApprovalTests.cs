using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>Approval mode on the real durable backend: a run waits on a durable timer for approve, reject, or nothing.</summary>
public sealed class ApprovalTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public ApprovalTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task ApprovalMode_ApproveThenRejectThenTimeout_EachEndsAsDecided()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString);
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        var runs = runtime.Services.GetRequiredService<RunStore>();
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        await storage.EnsureCreatedAsync();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        using var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl) };
        http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, "test-key");
        string[] lines = await File.ReadAllLinesAsync(TestData.BreastCancerCsv);

        // 1. Approved: production moves to v1, promoted by the approver.
        await datasets.GetBlobClient("bc/pipeline.json").UploadAsync(Spec("01:00:00"));
        await datasets.GetBlobClient("bc/a.csv").UploadAsync(Csv(lines, skip: 0));
        RunRecord first = await WaitForStatusAsync(runs, "bc/a.csv", RunStatus.WaitingForApproval);
        Assert.Null(await registry.GetAliasAsync("bc", ModelRegistry.Production));
        HttpResponseMessage approve = await http.PostAsync($"/api/runs/{first.RunId}/approve", Json("""{ "reason": "metrics look right", "by": "alice" }"""));
        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        Assert.Equal(RunStatus.Succeeded, (await WaitForStatusAsync(runs, "bc/a.csv", RunStatus.Succeeded)).Status);
        Assert.Equal(1, (await registry.GetAliasAsync("bc", ModelRegistry.Production))!.Version);
        PromotionRecord promotion = (await registry.HistoryAsync("bc")).First();
        Assert.Equal("alice", promotion.By);
        Assert.Contains("metrics look right", promotion.Reason, StringComparison.Ordinal);

        // 2. Rejected: v2 registered, production stays v1.
        await datasets.GetBlobClient("bc/b.csv").UploadAsync(Csv(lines, skip: 7));
        RunRecord second = await WaitForStatusAsync(runs, "bc/b.csv", RunStatus.WaitingForApproval);
        HttpResponseMessage reject = await http.PostAsync($"/api/runs/{second.RunId}/reject", Json("""{ "reason": "not on a Friday" }"""));
        Assert.Equal(HttpStatusCode.Accepted, reject.StatusCode);
        RunRecord rejected = await WaitForStatusAsync(runs, "bc/b.csv", RunStatus.NotPromoted);
        Assert.Contains("not on a Friday", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await registry.GetAliasAsync("bc", ModelRegistry.Production))!.Version);
        HttpResponseMessage late = await http.PostAsync($"/api/runs/{second.RunId}/approve", Json("""{ "reason": "changed my mind" }"""));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        // 3. Nobody answers: the durable timer expires the run, production unchanged.
        await datasets.GetBlobClient("bc/pipeline.json").UploadAsync(Spec("00:00:02"), overwrite: true);
        await datasets.GetBlobClient("bc/c.csv").UploadAsync(Csv(lines, skip: 11));
        RunRecord expired = await WaitForStatusAsync(runs, "bc/c.csv", RunStatus.Expired);
        Assert.Contains("no approval within", expired.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await registry.GetAliasAsync("bc", ModelRegistry.Production))!.Version);
    }

    private static BinaryData Spec(string timeout) => BinaryData.FromString(
        $$"""{ "label": "diagnosis", "positiveClass": "malignant", "gates": { "minimumImprovement": -1 }, "deployment": { "mode": "approval", "approvalTimeout": "{{timeout}}" } }""");

    // Different content per upload (drop one row) so each is a new dataset version.
    private static BinaryData Csv(string[] lines, int skip) =>
        BinaryData.FromString(string.Join('\n', lines.Where((_, i) => i == 0 || i != skip + 1)) + "\n");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task<RunRecord> WaitForStatusAsync(RunStore runs, string blob, RunStatus status)
    {
        RunRecord? run = null;
        return Eventually.ValueAsync(
            async () => (run = (await runs.ListAsync("bc")).FirstOrDefault(r => r.DatasetBlob == blob))?.Status == status ? run : null,
            $"the run of {blob} to reach {status}", TimeSpan.FromSeconds(90), () => $"{run?.Status} ({run?.Reason})");
    }
}
