using MlOps.Core.Data.Inference;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// What a column's profile settles before its exact statistics: kind, counts, range and cardinality, as the final
/// <see cref="ColumnProfile"/> states them. <see cref="Range"/> is set when the profile has numeric statistics,
/// <see cref="Cardinality"/> when it has value frequencies.
/// </summary>
public sealed record ColumnSummary(
    string Name,
    ColumnKind Kind,
    long Count,
    long Missing,
    long TypeErrors,
    (double Min, double Max)? Range,
    long? Cardinality)
{
    public static ColumnSummary Of(ColumnProfile column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return new ColumnSummary(
            column.Name,
            column.Kind,
            column.Count,
            column.Missing,
            column.TypeErrors,
            column.Numeric is { } numeric ? (numeric.Min, numeric.Max) : null,
            column.Categorical?.Cardinality);
    }
}
