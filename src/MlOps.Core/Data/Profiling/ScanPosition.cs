namespace MlOps.Core.Data.Profiling;

/// <summary>Where a pass over a file has got: rows handed to the visitor and bytes read from the file.</summary>
public readonly record struct ScanPosition(long Rows, long Bytes);
