namespace MlOps.Core.Runs;

/// <summary>
/// How far a running step has got, published while it works so a client can show real progress: the phase (for
/// ingest: download, then parse), the bytes of the phase done of its total, and the rows read so far.
/// </summary>
public sealed record StepProgress(string Phase, long Bytes, long TotalBytes, long Rows);
