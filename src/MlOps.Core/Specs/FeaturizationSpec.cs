namespace MlOps.Core.Specs;

/// <summary>How raw columns become features; saved inside the model so serving applies the same.</summary>
public sealed record FeaturizationSpec
{
    /// <summary>Categoricals with at most this many distinct values are one-hot encoded; above it, hashed.</summary>
    public int OneHotMaxCardinality { get; init; } = 50;

    /// <summary>Hash space for high-cardinality categoricals: 2^bits slots.</summary>
    public int HashBits { get; init; } = 12;

    /// <summary>Add an indicator feature per numeric column that has missing values in training.</summary>
    public bool MissingIndicators { get; init; } = true;
}
