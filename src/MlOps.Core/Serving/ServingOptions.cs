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
}
