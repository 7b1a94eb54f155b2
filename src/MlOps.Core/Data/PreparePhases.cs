namespace MlOps.Core.Data;

/// <summary>
/// Where preparing a local file spent its time: converting a Parquet file to CSV; the profiler's first pass (with the
/// label, leakage and personal-data observers riding along) up to the summary the contract checks need; then, side by
/// side, the profiler's later passes and the split pass (so the whole took about the first two plus the longer of these).
/// </summary>
public sealed record PreparePhases(TimeSpan Convert, TimeSpan FirstPass, TimeSpan ProfileRest, TimeSpan Splits);
