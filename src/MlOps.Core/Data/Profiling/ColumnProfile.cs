using MlOps.Core.Data.Inference;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// One column. <see cref="Count"/> is the non-missing values; <see cref="TypeErrors"/> the non-missing values of a
/// numeric column that are not finite numbers (excluded from <see cref="Numeric"/>). <see cref="Categorical"/> is
/// set for categorical columns and also for numeric ones with few distinct values (labels, flags).
/// </summary>
public sealed record ColumnProfile(
    string Name,
    int Index,
    ColumnKind Kind,
    string KindReason,
    long Count,
    long Missing,
    long TypeErrors,
    NumericProfile? Numeric,
    CategoricalProfile? Categorical,
    TextProfile? Text);
