using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using MlOps.Core.Storage;
using MlOps.Pipeline.Starting;

namespace MlOps.Functions.Triggers;

/// <summary>
/// What both dataset blob triggers do with an upload: ignore specs and names outside a model folder, identify the
/// blob version (content MD5, else ETag) and start that version's run at most once.
/// </summary>
public sealed class DatasetUploadStarter
{
    private readonly RunStarter _starter;

    public DatasetUploadStarter(RunStarter starter) => _starter = starter;

    /// <returns>The run the upload maps to, or null when the blob is not a dataset.</returns>
    public async Task<RunStartResult?> StartAsync(BlobClient blob, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        BlobProperties properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        string versionTag = BlobVersionTag.From(properties.ContentHash, properties.ETag.ToString());
        return await _starter.StartForUploadAsync(client, blob.Name, versionTag, cancellationToken).ConfigureAwait(false);
    }
}
