using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Host.Runtime;
using MlOps.Testing;
using static MlOps.Host.Tests.Runtime.RuntimeUploads;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// A running host with two trained versions of model "bc" (manual mode: registered, not promoted) and v1 in
/// production, shared by a test class whose tests put everything back as they found it.
/// </summary>
public sealed class TwoVersionsFixture : IAsyncLifetime
{
    public const string Model = "bc";

    /// <summary>How stale an alias may be on the hosts these tests start.</summary>
    public static readonly TimeSpan RefreshBound = TimeSpan.FromMilliseconds(300);

    public LocalRuntime Runtime { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The storage prefix of this host, so a second host can serve the same registry.</summary>
    public string Prefix { get; } = UniqueName.For("tv");

    public async Task InitializeAsync()
    {
        ConnectionString = await SharedAzurite.GetConnectionStringAsync();
        Runtime = await StartHostAsync("hub" + Prefix, watchBlobs: true);
        await UploadAsync(Runtime, $"{Model}/pipeline.json", BinaryData.FromString(
            $$"""{ "label": "diagnosis", "positiveClass": "malignant", "deployment": { "mode": "manual" }, {{QuickTraining}} }"""));
        for (int v = 1; v <= 2; v++)
        {
            await UploadAsync(Runtime, $"{Model}/v{v}.csv", BreastCancer(skip: v * 7));
            RunRecord run = await WaitForRunAsync(Runtime, Model, $"{Model}/v{v}.csv");
            Assert.True(run.Status == RunStatus.NotPromoted && run.ModelVersion == v, $"v{v}: {run.Status} {run.Reason}");
        }

        await Runtime.Services.GetRequiredService<ModelRegistry>().PromoteAsync(Model, ModelRegistry.Production, 1, null, "test", "setup");
    }

    /// <summary>Another host on the same storage (its own task hub, no watcher): what a freshly started instance sees.</summary>
    public Task<LocalRuntime> StartHostAsync(string taskHub, bool watchBlobs = false) =>
        IsolatedRuntime.StartAsync(ConnectionString, new Dictionary<string, string?>
        {
            ["Storage:Prefix"] = Prefix,
            ["Host:TaskHub"] = taskHub,
            ["Host:WatchBlobs"] = watchBlobs ? "true" : "false",
            ["MonitorSchedule"] = "off",
            ["Serving:AliasRefreshInterval"] = RefreshBound.ToString(),
        });

    public async Task DisposeAsync() => await Runtime.DisposeAsync();
}
