using System.ComponentModel.DataAnnotations;

namespace MlOps.Core.Serving;

/// <summary>Serving settings: how stale an alias may be, which bounds how fast a promotion reaches every instance.</summary>
public sealed class ServingOptions
{
    public const string SectionName = "Serving";

    /// <summary>An instance re-reads an alias at most this long after it last did; a promotion is served everywhere within this bound.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan AliasRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 100_000)]
    public int MaxRowsPerRequest { get; set; } = 10_000;

    /// <summary>Largest prediction request body; larger ones get 413 (use batch scoring).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Share of requests written to the prediction log (1 = all).</summary>
    [Range(0.0, 1.0)]
    public double PredictionLogSampleRate { get; set; } = 1.0;

    /// <summary>How often buffered log entries are appended to predictions/.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PredictionLogFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most prediction log data held in memory while storage does not take it (request bodies waiting to be written
    /// plus compressed blocks waiting to be appended): what rides out a storage outage. Beyond it requests are still
    /// answered, but their log entries are dropped and counted (metric mlops.predictions.log.dropped, and a warning).
    /// </summary>
    [Range(1024 * 1024, 16L * 1024 * 1024 * 1024)]
    public long PredictionLogBufferBytes { get; set; } = 128 * 1024 * 1024;

    /// <summary>
    /// Blocks appended to one prediction log blob before the writer moves on to the hour's next part ({instance}-2…):
    /// an append blob takes at most 50,000 blocks.
    /// </summary>
    [Range(1, 50_000)]
    public int PredictionLogBlocksPerBlob { get; set; } = 50_000;

    /// <summary>
    /// The HMAC key for columns a spec hashes (pii: hash) in the prediction log; in Azure an app setting that is a Key
    /// Vault reference. Unset, such columns are dropped from the log instead.
    /// </summary>
    public string? PiiHashKey { get; set; }
}
