using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;
using Xunit.Abstractions;

namespace MlOps.Host.Tests.Runtime;

/// <summary>The durable backend as the local host runs it: work that outlasts its messages' visibility timeout keeps them.</summary>
[Trait("Category", "Resilience")]
public sealed class DurableSidecarTests : IClassFixture<AzuriteFixture>
{
    // Short, so that a training activity outlasts it; not shorter: renewals come every third of it, and with 4 s a
    // renewal only 2.7 s late (LightGBM keeping both cores of a 2-core machine busy, fast or loaded) let the backend
    // dequeue the running activity's message again and report it processed twice. The test is of the renewal, not of
    // how the machine schedules it; a renewal that does come late is logged, and fails the test by name.
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(10);
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;

    public DurableSidecarTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
    }

    [Fact]
    public async Task TrainingRun_ActivitiesOutlastTheVisibilityTimeout_EachDeliveredOnce()
    {
        var logs = new CapturedLogs();
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(
            _azurite.ConnectionString, new Dictionary<string, string?> { ["Host:MessageVisibilityTimeout"] = Visibility.ToString(), ["AzureWebJobs.MonitorModels.Disabled"] = "true" }, logs);
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        // One candidate quick, one with more trees than any machine grows before the search's deadline: that one trains
        // until the deadline stops it (24 s after training started, on a fast machine or a loaded one), outlasting the
        // visibility timeout, and the quick one makes the run succeed. On a machine so loaded that the long one starts
        // only at the deadline, the quick one took most of the 24 s itself.
        await datasets.GetBlobClient("digits/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "task": "multiclass", "label": "digit", "training": { "maxWallTime": "00:00:24", "trainers": [
              { "name": "LbfgsMaximumEntropy" }, { "name": "LightGbm", "parameters": { "numberOfIterations": 100000 } } ] } }
            """));
        await datasets.GetBlobClient("digits/data.csv").UploadAsync(BinaryData.FromString(await File.ReadAllTextAsync(TestData.PathOf("digits.csv"))));

        var runs = runtime.Services.GetRequiredService<RunStore>();
        RunRecord run = await Eventually.ValueAsync(
            async () => (await runs.ListAsync("digits")).FirstOrDefault(r => r.Status.IsTerminal()), "the run to end", TimeSpan.FromMinutes(5));

        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Reason}");
        double longest = (await runs.GetStepsAsync(run.RunId)).Where(s => s.Name != "train").Select(s => s.DurationMs ?? 0)
            .Concat((await runtime.Services.GetRequiredService<CandidateStore>().ListAsync(run.RunId)).Select(c => c.DurationMs)).Max();
        _output.WriteLine($"longest activity: {longest / 1000:F1} s; visibility timeout {Visibility.TotalSeconds} s");
        // Without renewals, its message would have been visible, and taken again, before it ended.
        Assert.True(longest > 1.5 * Visibility.TotalMilliseconds, $"the longest activity took {longest:F0} ms: too short to outlast the timeout");
        string[] redelivered = [.. logs.Entries.Where(e => e.Message.Contains("delivered again", StringComparison.Ordinal) || e.Message.Contains("multiple times", StringComparison.Ordinal)
            || e.Message.Contains("past its visibility timeout", StringComparison.Ordinal))
            .Select(e => $"{e.Category}: {e.Message}")];
        Assert.True(redelivered.Length == 0, string.Join('\n', redelivered.Concat(logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}"))));
        Assert.Single(await runtime.Services.GetRequiredService<ModelRegistry>().ListVersionsAsync("digits"));
    }
}
