using System.Security.Cryptography;
using System.Text;

namespace MlOps.Core.Runs;

/// <summary>
/// Run ids are "{model}.{16 hex}". For uploads the hex part hashes container, name and the blob's version tag (content MD5, else ETag), so every trigger
/// (blob event, watcher, HTTP) of one blob version names the same run and starts it at most once.
/// </summary>
public static class RunIds
{
    public static string ForBlobVersion(string model, string container, string blobName, string versionTag) =>
        $"{model}.{Hash($"{container}/{blobName}|{versionTag}")}";

    public static string ForRequest(string model, string requestKey) => $"{model}.{Hash(requestKey)}";

    public static string ModelOf(string runId)
    {
        int dot = runId.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? runId[..dot] : throw new ArgumentException($"'{runId}' is not a run id of the form model.hash.", nameof(runId));
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
