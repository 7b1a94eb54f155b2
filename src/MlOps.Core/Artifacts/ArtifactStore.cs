using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MlOps.Core.Storage;

namespace MlOps.Core.Artifacts;

/// <summary>Model artifacts in blob storage, written with their SHA-256 and read back only when the hash matches.</summary>
public sealed class ArtifactStore
{
    private readonly MlOpsStorage _storage;

    public ArtifactStore(MlOpsStorage storage) => _storage = storage;

    /// <summary>Writes (or overwrites, for an idempotent retry) an artifact and returns its hash.</summary>
    public async Task<StoredArtifact> WriteAsync(string container, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        string sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        BlobClient blob = _storage.Container(container).GetBlobClient(path);
        await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["sha256"] = sha },
        }, cancellationToken).ConfigureAwait(false);
        return new StoredArtifact(container, path, sha, content.Length);
    }

    /// <summary>Reads an artifact and checks it against the expected SHA-256; a mismatch or a missing blob throws <see cref="ArtifactIntegrityException"/>.</summary>
    public async Task<byte[]> ReadVerifiedAsync(string container, string path, string expectedSha256, CancellationToken cancellationToken = default)
    {
        BlobClient blob = _storage.Container(container).GetBlobClient(path);
        BlobDownloadResult download;
        try
        {
            download = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw ArtifactIntegrityException.Missing($"{container}/{path}", expectedSha256);
        }

        byte[] bytes = download.Content.ToArray();
        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase)
            ? bytes
            : throw new ArtifactIntegrityException($"{container}/{path}", expectedSha256, actual);
    }
}
