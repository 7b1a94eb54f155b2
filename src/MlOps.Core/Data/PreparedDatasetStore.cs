using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>
/// The prepared container: per dataset version and spec version a folder with train/validation/test splits and
/// the feature layout. Folders are content-addressed and never change, so local copies can be cached safely.
/// </summary>
public sealed class PreparedDatasetStore
{
    public const string TrainFile = "train.csv";
    public const string ValidationFile = "validation.csv";
    public const string TestFile = "test.csv";
    public const string LayoutFile = "layout.json";
    public const string ProfileFile = "profile.json";

    private readonly MlOpsStorage _storage;
    private readonly string _cacheRoot;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _downloads = new();

    public PreparedDatasetStore(MlOpsStorage storage)
    {
        _storage = storage;
        _cacheRoot = Path.Combine(Path.GetTempPath(), "mlops-cache", storage.Layout.Prefix + "prepared");
    }

    public static string PrefixFor(string model, string datasetVersion, int specVersion) =>
        $"{model}/{datasetVersion}/spec{specVersion}";

    public BlobClient Blob(string prefix, string file) => _storage.Container(_storage.Layout.Prepared).GetBlobClient($"{prefix}/{file}");

    public async Task<bool> ExistsAsync(string prefix, CancellationToken cancellationToken = default) =>
        await Blob(prefix, LayoutFile).ExistsAsync(cancellationToken).ConfigureAwait(false);

    public async Task UploadAsync(string prefix, string file, string localPath, CancellationToken cancellationToken = default) =>
        await Blob(prefix, file).UploadAsync(localPath, overwrite: true, cancellationToken).ConfigureAwait(false);

    public async Task<FeatureLayout> GetLayoutAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var content = await Blob(prefix, LayoutFile).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return JsonDefaults.Deserialize<FeatureLayout>(content.Value.Content.ToString());
    }

    public async Task SaveLayoutAsync(string prefix, FeatureLayout layout, CancellationToken cancellationToken = default) =>
        await Blob(prefix, LayoutFile).UploadAsync(BinaryData.FromString(JsonDefaults.Serialize(layout)), overwrite: true, cancellationToken).ConfigureAwait(false);

    public async Task SaveProfileAsync(string prefix, DatasetProfile profile, CancellationToken cancellationToken = default) =>
        await Blob(prefix, ProfileFile).UploadAsync(BinaryData.FromString(DatasetProfileJson.Serialize(profile)), overwrite: true, cancellationToken).ConfigureAwait(false);

    public async Task<DatasetProfile> GetProfileAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var content = await Blob(prefix, ProfileFile).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return DatasetProfileJson.Deserialize(content.Value.Content.ToString());
    }

    /// <summary>Returns a local path to a split, downloading it once per process.</summary>
    public async Task<string> GetLocalSplitAsync(string prefix, string file, CancellationToken cancellationToken = default)
    {
        string local = Path.Combine(_cacheRoot, prefix.Replace('/', Path.DirectorySeparatorChar), file);
        Lazy<Task<string>> download = _downloads.GetOrAdd(local, path => new Lazy<Task<string>>(() => DownloadAsync(prefix, file, path)));
        try
        {
            return await download.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _downloads.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(local, download));
            throw;
        }
    }

    /// <summary>Remembers a split this process just wrote, so the next stage does not download it again.</summary>
    public void RememberLocal(string prefix, string file, string localPath)
    {
        string local = Path.Combine(_cacheRoot, prefix.Replace('/', Path.DirectorySeparatorChar), file);
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.Copy(localPath, local, overwrite: true);
        _downloads[local] = new Lazy<Task<string>>(Task.FromResult(local));
    }

    private async Task<string> DownloadAsync(string prefix, string file, string local)
    {
        if (File.Exists(local))
        {
            return local;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        string partial = local + "." + Guid.NewGuid().ToString("N") + ".part";
        await Blob(prefix, file).DownloadToAsync(partial).ConfigureAwait(false);
        File.Move(partial, local, overwrite: true);
        return local;
    }
}
