namespace MlOps.Core.Data.Inference;

/// <summary>A column's kind and the rule that chose it, shown to users so that a surprising kind can be overridden knowingly.</summary>
public sealed record ColumnKindDecision(ColumnKind Kind, string Reason);
