using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MlOps.Functions.Triggers;

/// <summary>
/// Starts a training run for every dataset upload. Flex Consumption only delivers blob events through Event Grid,
/// while the polling (logs and container scan) source works everywhere else, Azurite included; both listen on the
/// same path. The polling one is compiled only with POLLING_BLOB_TRIGGERS, which the Flex package is published
/// without (MlOps.Functions.csproj). Running both at once is safe: a blob version maps to one run id and only the
/// first start schedules it.
/// </summary>
public sealed class DatasetBlobTriggers
{
    public const string Path = "datasets/{model}/{name}";

    private readonly DatasetUploadStarter _starter;

    public DatasetBlobTriggers(DatasetUploadStarter starter) => _starter = starter;

    [Function(nameof(DatasetUploadedEventGrid))]
    public Task DatasetUploadedEventGrid(
        [BlobTrigger(Path, Source = BlobTriggerSource.EventGrid)] BlobClient blob, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _starter.StartAsync(blob, client, cancellationToken);

#if POLLING_BLOB_TRIGGERS
    [Function(nameof(DatasetUploadedPolling))]
    public Task DatasetUploadedPolling(
        [BlobTrigger(Path)] BlobClient blob, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _starter.StartAsync(blob, client, cancellationToken);
#endif
}
