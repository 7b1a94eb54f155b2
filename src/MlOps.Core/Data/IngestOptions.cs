using System.ComponentModel.DataAnnotations;

namespace MlOps.Core.Data;

/// <summary>Limits against abuse and accidents; a file over a limit is rejected before it is parsed.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long MaxRows { get; set; } = 50_000_000;

    [Range(2, 100_000)]
    public int MaxColumns { get; set; } = 2_000;

    [Range(64, int.MaxValue)]
    public int MaxLineBytes { get; set; } = 1 << 20;

    /// <summary>Fewer labelled rows than this cannot be split into meaningful train/validation/test sets.</summary>
    [Range(3, int.MaxValue)]
    public int MinRows { get; set; } = 20;
}
