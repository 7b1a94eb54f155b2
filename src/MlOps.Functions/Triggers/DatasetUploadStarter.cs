using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MlOps.Core.Data;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Pipeline.Starting;

namespace MlOps.Functions.Triggers;

/// <summary>
/// What both dataset blob triggers do with an upload: ignore specs and names outside a model folder, identify the
/// blob version (content MD5, else ETag) and start that version's run at most once.
/// </summary>
public sealed class DatasetUploadStarter
{
    public const string Trigger = "blob";

    private readonly RunStarter _starter;
    private readonly ILogger<DatasetUploadStarter> _logger;

    public DatasetUploadStarter(RunStarter starter, ILogger<DatasetUploadStarter> logger)
    {
        _starter = starter;
        _logger = logger;
    }

    /// <returns>The run the upload maps to, or null when the blob is not a dataset.</returns>
    public async Task<RunStartResult?> StartAsync(BlobClient blob, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (!DatasetBlobName.TryParse(blob.Name, out DatasetBlobName? name, out string error))
        {
            _logger.LogWarning("Ignoring {Container}/{Blob}: {Problem}", blob.BlobContainerName, blob.Name, error);
            return null;
        }

        // Specs are read by the runs of the data beside them (same folder); they start nothing themselves.
        if (IsSpec(name!))
        {
            _logger.LogInformation("Not starting a run for spec {Container}/{Blob}", blob.BlobContainerName, blob.Name);
            return null;
        }

        BlobProperties properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        string versionTag = BlobVersionTag.From(properties.ContentHash, properties.ETag.ToString());
        return await _starter.StartForBlobAsync(client, name!.Model, blob.Name, versionTag, Trigger, cancellationToken).ConfigureAwait(false);
    }

    public static bool IsSpec(DatasetBlobName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Path.GetFileName(name.File).Equals(DatasetIngestor.SpecFileName, StringComparison.OrdinalIgnoreCase);
    }
}
