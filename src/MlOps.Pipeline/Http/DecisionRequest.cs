namespace MlOps.Pipeline.Http;

/// <summary>Body of approve, reject and rollback calls: why, and (optionally) who.</summary>
/// <param name="AcknowledgeSchemaChange">Rollback only: required (true) when the earlier version's schema differs from production's.</param>
public sealed record DecisionRequest(string? Reason, string? By, bool AcknowledgeSchemaChange = false);
