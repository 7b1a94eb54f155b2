using Azure;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;

namespace MlOps.Core.Monitoring;

/// <summary>A version's own predictions on its test split, kept beside its artifact as the reference for prediction drift.</summary>
public sealed class ReferencePredictionsStore
{
    private readonly MlOpsStorage _storage;

    public ReferencePredictionsStore(MlOpsStorage storage) => _storage = storage;

    public static string PathFor(string model, int version) => $"{model}/{version}/reference-predictions.json";

    public Task SaveAsync(string model, int version, ReferencePredictions predictions, CancellationToken cancellationToken = default) =>
        _storage.Container(_storage.Layout.Models).GetBlobClient(PathFor(model, version))
            .UploadAsync(BinaryData.FromString(JsonDefaults.Serialize(predictions)), overwrite: true, cancellationToken);

    public async Task<ReferencePredictions?> GetAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await _storage.Container(_storage.Layout.Models).GetBlobClient(PathFor(model, version)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonDefaults.Deserialize<ReferencePredictions>(content.Value.Content.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
