using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Storage;
using MlOps.Pipeline.Durable;
using MlOps.Pipeline.Starting;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Orchestrations;

/// <summary>The pipeline's orchestrator and activities on a Durable Task worker, with storage on the shared Azurite under a fresh prefix.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private PipelineHarness(DurableTaskTestHost host) => _host = host;

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public BlobContainerClient Datasets
    {
        get
        {
            var storage = Services.GetRequiredService<MlOpsStorage>();
            return storage.Container(storage.Layout.Datasets);
        }
    }

    /// <param name="settings">Configuration added to the storage settings (cost monitor resources, Azure endpoints).</param>
    /// <param name="services">Services registered before the pipeline's (a loopback Azure's credential and transport).</param>
    public static async Task<PipelineHarness> StartAsync(
        string connectionString, IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>>? replace = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:Prefix"] = UniqueName.For("p"),
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        DurableTaskTestHost host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddMlOpsPipelineTasks(replace),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = collection =>
                {
                    services?.Invoke(collection);
                    collection.AddLogging().AddMlOpsPipeline(configuration);
                },
            });
        var harness = new PipelineHarness(host);
        await harness.Services.GetRequiredService<MlOpsStorage>().EnsureCreatedAsync();
        return harness;
    }

    /// <summary>Uploads a blob, starts its run as a trigger would, and waits for the orchestration to finish.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string model, string blobName, BinaryData content)
    {
        Azure.Storage.Blobs.Models.BlobContentInfo uploaded = (await Datasets.GetBlobClient(blobName).UploadAsync(content, overwrite: true)).Value;
        RunStartResult start = await Services.GetRequiredService<RunStarter>()
            .StartForBlobAsync(Client, model, blobName, BlobVersionTag.From(uploaded.ContentHash, uploaded.ETag.ToString()), "test");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        return await Client.WaitForInstanceCompletionAsync(start.RunId, getInputsAndOutputs: true, timeout.Token);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
