using MlOps.Core.Data.Inference;

namespace MlOps.Core.Data.Profiling;

/// <summary>What the profiler computes and how much memory it may use.</summary>
public sealed class DatasetProfilerOptions
{
    /// <summary>The quantiles every numeric column reports (those of pandas' describe in the pipeline's reports).</summary>
    public static IReadOnlyList<double> DefaultQuantiles { get; } = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

    public IReadOnlyList<double> Quantiles { get; set; } = DefaultQuantiles;

    /// <summary>Size of each numeric column's reservoir sample.</summary>
    public int SampleSize { get; set; } = 10_000;

    public int Seed { get; set; } = 42;

    public int HistogramBins { get; set; } = 20;

    /// <summary>How many most frequent values a categorical column reports.</summary>
    public int TopValues { get; set; } = 50;

    /// <summary>Distinct values counted exactly per categorical column; beyond it the cardinality is flagged as capped.</summary>
    public int CardinalityCap { get; set; } = 100_000;

    /// <summary>
    /// Numbers (over all columns) kept in memory during the first pass. When the whole dataset fits, quantiles come
    /// from sorting and one pass suffices; otherwise the values are dropped and exact quantiles take a second pass.
    /// </summary>
    public long InMemoryValueBudget { get; set; } = 4_000_000;

    /// <summary>Distinct values a quantile bucket collects before it is split by further key bits (bounds pass-2 memory).</summary>
    public int QuantileBucketDistinctCap { get; set; } = 65_536;

    /// <summary>
    /// Where the first pass may write the numbers it parsed (a temporary file, deleted when profiling ends), so that
    /// later passes replay them instead of reading and parsing the source again (for a blob: downloading it again).
    /// Null turns spilling off.
    /// </summary>
    public string? SpillDirectory { get; set; } = Path.GetTempPath();

    /// <summary>The spill's size limit (8 bytes per number); a larger dataset's later passes read the source.</summary>
    public long MaxSpillBytes { get; set; } = 4L << 30;

    public ColumnKindRules KindRules { get; set; } = new();

    /// <summary>Kinds fixed by the pipeline spec (column name → kind), which win over inference.</summary>
    public IReadOnlyDictionary<string, ColumnKind> KindOverrides { get; set; } = new Dictionary<string, ColumnKind>();
}
