using MlOps.Core.Data.Inference;

namespace MlOps.Core.Specs;

/// <summary>One column of the spec's contract: its kind (numeric, categorical, text, or ignore); inferred when the column is not listed.</summary>
public sealed record ColumnSpec
{
    public ColumnKind Kind { get; init; } = ColumnKind.Numeric;
}
