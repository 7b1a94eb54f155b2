namespace MlOps.Core.Storage;

/// <summary>
/// What identifies one version of an uploaded blob for run dedupe: its content MD5 when the service recorded one
/// (so re-uploading identical bytes is the same version), else its ETag.
/// </summary>
public static class BlobVersionTag
{
    public static string From(byte[]? contentMd5, string? etag) =>
        contentMd5 is { Length: > 0 } ? "md5:" + Convert.ToHexStringLower(contentMd5) : "etag:" + (etag ?? string.Empty).Trim('"');
}
