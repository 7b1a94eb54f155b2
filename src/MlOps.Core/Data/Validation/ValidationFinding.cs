namespace MlOps.Core.Data.Validation;

/// <summary>One check's result: a stable code, its severity, what it found (naming the column) and the numbers behind it.</summary>
public sealed record ValidationFinding(string Code, ValidationSeverity Severity, string Message, string? Column = null, double? Value = null, double? Threshold = null);
