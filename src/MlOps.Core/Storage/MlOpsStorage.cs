using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using MlOps.Core.Cost;
using MlOps.Core.Identity;

namespace MlOps.Core.Storage;

/// <summary>
/// The blob and table clients for the configured account, created once and shared, and a queue client: the product
/// keeps no queues of its own, but the durable backend does, so the readiness probe checks the queue service too.
/// </summary>
public sealed class MlOpsStorage
{
    private int _created;

    public MlOpsStorage(IOptions<StorageOptions> options, UsageMeter meter)
        : this(options.Value, blobOptions: null, meter)
    {
    }

    /// <summary>Clients without cost metering (tools outside a host: the CLI's upload).</summary>
    public MlOpsStorage(StorageOptions options)
        : this(options, blobOptions: null, meter: null)
    {
    }

    /// <param name="blobOptions">Blob client options (tests add pipeline policies that inject faults); null for the defaults.</param>
    /// <param name="meter">Counts every request for the unit of work that made it; null (or switched off) counts nothing.</param>
    internal MlOpsStorage(StorageOptions options, BlobClientOptions? blobOptions, UsageMeter? meter)
    {
        Layout = new StorageLayout(options.Prefix);
        blobOptions ??= new BlobClientOptions();
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions();
        if (meter is { Enabled: true })
        {
            // Per retry: storage bills every attempt.
            blobOptions.AddPolicy(StorageMeteringPolicy.Attributed(StorageService.Blob, meter), HttpPipelinePosition.PerRetry);
            tableOptions.AddPolicy(StorageMeteringPolicy.Attributed(StorageService.Table, meter), HttpPipelinePosition.PerRetry);
            queueOptions.AddPolicy(StorageMeteringPolicy.Attributed(StorageService.Queue, meter), HttpPipelinePosition.PerRetry);
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
            Tables = new TableServiceClient(options.ConnectionString, tableOptions);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
        }
        else if (options.AccountUri is not null)
        {
            // Shared keys are disabled in Azure: the managed identity there, the developer's sign-in elsewhere.
            TokenCredential credential = AzureCredentials.ForStorage(options).Create();
            Blobs = new BlobServiceClient(options.AccountUri, credential, blobOptions);
            Tables = new TableServiceClient(EndpointFor(options.AccountUri, "table"), credential, tableOptions);
            Queues = new QueueServiceClient(EndpointFor(options.AccountUri, "queue"), credential, queueOptions);
        }
        else
        {
            throw new InvalidOperationException("Storage is not configured: set Storage:ConnectionString or Storage:AccountUri.");
        }
    }

    public StorageLayout Layout { get; }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>Creates every container and table of the layout; cheap after the first call.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }

        var work = Layout.AllContainers.Select(c => (Task)Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken))
            .Concat(Layout.AllTables.Select(t => (Task)Table(t).CreateIfNotExistsAsync(cancellationToken)));
        await Task.WhenAll(work).ConfigureAwait(false);
        Volatile.Write(ref _created, 1);
    }

    private static Uri EndpointFor(Uri blobEndpoint, string service) =>
        new(blobEndpoint.ToString().Replace(".blob.", $".{service}.", StringComparison.OrdinalIgnoreCase));
}
