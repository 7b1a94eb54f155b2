namespace MlOps.Core.Data.Inference;

/// <summary>Thresholds of the kind inference; see <see cref="ColumnKindInference"/> for the rule they feed.</summary>
public sealed record ColumnKindRules
{
    /// <summary>Share of non-missing values that must parse as finite numbers for a numeric column (the rest are type errors).</summary>
    public double MinNumericShare { get; init; } = 0.99;

    /// <summary>A column with at most this many distinct values is categorical whatever its values look like.</summary>
    public int CategoricalMaxDistinct { get; init; } = 20;

    /// <summary>...or with at most this share of the row count as distinct values.</summary>
    public double CategoricalMaxDistinctShare { get; init; } = 0.05;

    /// <summary>Text needs long values (mean length in characters) ...</summary>
    public double TextMinMeanLength { get; init; } = 20;

    /// <summary>... of which at least this share has more than one word.</summary>
    public double TextMinMultiWordShare { get; init; } = 0.5;
}
