using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Azure.Functions.Worker;
using MlOps.Core.Serving;
using MlOps.Core.Storage;

namespace MlOps.Functions.Triggers;

/// <summary>
/// Batch scoring: a CSV uploaded to scoring/{model}/… is scored by production into scored/{model}/…. As for
/// datasets, an Event Grid source (Flex Consumption) and a polling source (not in the Flex package) share the path.
/// </summary>
public sealed class ScoringBlobTriggers
{
    public const string Path = "scoring/{model}/{name}";

    private readonly BatchScorer _scorer;

    public ScoringBlobTriggers(BatchScorer scorer) => _scorer = scorer;

    [Function(nameof(ScoringUploadedEventGrid))]
    public Task ScoringUploadedEventGrid([BlobTrigger(Path, Source = BlobTriggerSource.EventGrid)] BlobClient blob, CancellationToken cancellationToken) =>
        ScoreAsync(blob, cancellationToken);

#if POLLING_BLOB_TRIGGERS
    [Function(nameof(ScoringUploadedPolling))]
    public Task ScoringUploadedPolling([BlobTrigger(Path)] BlobClient blob, CancellationToken cancellationToken) => ScoreAsync(blob, cancellationToken);
#endif

    private async Task ScoreAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        BlobProperties properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        await _scorer.TryScoreAsync(blob.Name, BlobVersionTag.From(properties.ContentHash, properties.ETag.ToString()), cancellationToken).ConfigureAwait(false);
    }
}
