namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Value frequencies: <see cref="Cardinality"/> is exact unless <see cref="CardinalityCapped"/> (then a lower bound);
/// <see cref="TopValues"/> are the most frequent values (ties by ordinal value) and <see cref="OtherCount"/> the
/// non-missing values not among them. Values are taken verbatim (not trimmed), as pandas does.
/// </summary>
public sealed record CategoricalProfile(long Cardinality, bool CardinalityCapped, IReadOnlyList<CategoryCount> TopValues, long OtherCount);
