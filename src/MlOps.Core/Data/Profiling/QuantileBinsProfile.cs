namespace MlOps.Core.Data.Profiling;

/// <summary>
/// The reference binning of PSI: edges are the unique quantiles at 0, 0.1, ..., 1 with the outer two replaced by
/// -inf and +inf. <see cref="CutPoints"/> holds the inner edges (JSON has no infinities); bin i is
/// [CutPoints[i-1], CutPoints[i]) with -inf before the first and +inf after the last, so <see cref="Counts"/> has
/// CutPoints.Count + 1 entries (as numpy.histogram over those edges). A constant column has one bin holding every
/// value, where numpy would have none.
/// </summary>
public sealed record QuantileBinsProfile(IReadOnlyList<double> CutPoints, IReadOnlyList<long> Counts);
