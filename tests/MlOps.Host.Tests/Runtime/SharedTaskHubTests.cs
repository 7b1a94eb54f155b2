using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Host.Runtime;
using MlOps.Testing;
using static MlOps.Host.Tests.Runtime.RuntimeUploads;

namespace MlOps.Host.Tests.Runtime;

/// <summary>Two hosts on one machine sharing a task hub and storage, each under its own Host:WorkerName.</summary>
public sealed class SharedTaskHubTests : IClassFixture<AzuriteFixture>
{
    private const int Models = 4;
    private readonly AzuriteFixture _azurite;

    public SharedTaskHubTests(AzuriteFixture azurite) => _azurite = azurite;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("host-b")]
    public void BackendSettings_WorkerName_NamesTheLeaseOwnerOrTheMachineWhenEmpty(string? workerName)
    {
        var options = new LocalHostOptions { WorkerName = workerName };

        string owner = DurableSidecar.BackendSettings(_azurite.ConnectionString, options, NullLoggerFactory.Instance, backendCounters: null).WorkerId;

        Assert.Equal(string.IsNullOrEmpty(workerName) ? Environment.MachineName : workerName, owner);
    }

    [Fact]
    public async Task TwoHostsOneTaskHub_OwnWorkerNames_SplitThePartitionsAndEachUploadRunsOnce()
    {
        string prefix = UniqueName.For("w");
        string taskHub = "hub" + prefix;
        Dictionary<string, string?> Settings(string worker) => new()
        {
            ["Storage:Prefix"] = prefix,
            ["Host:TaskHub"] = taskHub,
            ["Host:WorkerName"] = worker,
            ["MonitorSchedule"] = "off",
        };
        await using LocalRuntime first = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, Settings("host-a"));
        await using LocalRuntime second = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, Settings("host-b"));

        // The second host starts with no partition and takes its share from the first over a few lease intervals (5 s).
        IReadOnlyDictionary<string, int> seen = new Dictionary<string, int>();
        IReadOnlyDictionary<string, int> leases = await Eventually.ValueAsync(
            async () => (seen = await TaskHubLeases.OwnersAsync(_azurite.ConnectionString, taskHub)) is { } owners
                && owners.GetValueOrDefault("host-a") > 0 && owners.GetValueOrDefault("host-b") > 0 ? owners : null,
            "both hosts to hold partition leases", TimeSpan.FromSeconds(90), () => string.Join(", ", seen.Select(p => $"{p.Key} {p.Value}")),
            interval: TimeSpan.FromMilliseconds(500));
        Assert.True(leases.Keys.All(owner => owner is "host-a" or "host-b"), $"leases held by {string.Join(", ", leases.Keys)}");

        // Both hosts watch the datasets container; each upload must start one run, whichever host saw it first.
        for (int i = 0; i < Models; i++)
        {
            await UploadAsync(first, $"m{i}/pipeline.json", BinaryData.FromString($$"""{ "label": "diagnosis", "positiveClass": "malignant", {{QuickTraining}} }"""));
            await UploadAsync(i % 2 == 0 ? first : second, $"m{i}/data.csv", BreastCancer());
        }

        var runs = second.Services.GetRequiredService<RunStore>();
        var registry = second.Services.GetRequiredService<ModelRegistry>();
        for (int i = 0; i < Models; i++)
        {
            RunRecord run = await WaitForRunAsync(second, $"m{i}", $"m{i}/data.csv");
            Assert.True(run.Status == RunStatus.Succeeded, $"m{i}: {run.Status} ({run.Reason})");
            Assert.Single(await runs.ListAsync($"m{i}"));
            Assert.Single(await registry.ListVersionsAsync($"m{i}"));
            Assert.Equal(run.ModelVersion, (await registry.GetAliasAsync($"m{i}", ModelRegistry.Production))?.Version);
        }
    }
}
