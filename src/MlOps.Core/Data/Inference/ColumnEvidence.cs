namespace MlOps.Core.Data.Inference;

/// <summary>
/// What one pass over a column saw, enough to decide its kind.
/// <paramref name="DistinctCount"/> is exact up to the counter's cap; <paramref name="DistinctCountIsLowerBound"/>
/// says the column had more distinct values than were tracked.
/// </summary>
public sealed record ColumnEvidence(
    long RowCount,
    long NonMissing,
    long ParsedAsNumber,
    long DistinctCount,
    bool DistinctCountIsLowerBound,
    double MeanLength,
    double MultiWordShare);
