namespace MlOps.Pipeline.Http;

/// <summary>Body of approve, reject and rollback calls: why, and (optionally) who.</summary>
public sealed record DecisionRequest(string? Reason, string? By);
