namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Equal-width bins over [min, max] as numpy.histogram computes them: <see cref="Edges"/> has one more entry than
/// <see cref="Counts"/>; bins are half-open [e_i, e_i+1) except the last, which includes max.
/// </summary>
public sealed record HistogramProfile(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts);
