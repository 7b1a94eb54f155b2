using System.IO.Compression;
using Azure.Storage.Blobs.Models;

namespace MlOps.Core.Serving;

/// <summary>
/// How prediction log blobs are encoded: JSON lines, each appended block one gzip member. Concatenated members are a
/// valid gzip file (gzip, zcat, Python's gzip, Spark and Data Explorer read them whole), and since every append is a
/// whole member a reader never sees half of one, even while the writer is still appending.
/// </summary>
public static class PredictionLogFormat
{
    public const string Extension = ".jsonl.gz";

    public static AppendBlobCreateOptions CreateOptions { get; } = new() { HttpHeaders = new BlobHttpHeaders { ContentType = "application/gzip" } };

    /// <summary>Starts a gzip member on <paramref name="destination"/>; disposing the returned stream ends it.</summary>
    public static GZipStream OpenMember(Stream destination) =>
        // Fastest: the log is written on the serving cores; the larger levels gain a few percent for several times the CPU.
        new(destination, CompressionLevel.Fastest, leaveOpen: true);

    /// <summary>Writes <paramref name="lines"/> as one gzip member.</summary>
    public static void Compress(ReadOnlySpan<byte> lines, Stream destination)
    {
        using GZipStream member = OpenMember(destination);
        member.Write(lines);
    }

    /// <summary>The JSON lines of a log blob's content (plain .jsonl blobs, from older writers or users, pass through).</summary>
    public static Stream OpenLines(Stream content, string blobName) =>
        blobName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(content, CompressionMode.Decompress) : content;
}
