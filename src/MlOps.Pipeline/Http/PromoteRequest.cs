namespace MlOps.Pipeline.Http;

/// <summary>Body of PUT /api/models/{model}/aliases/{alias}: point the alias at a version.</summary>
/// <param name="ExpectedVersion">The version the caller believes the alias points at now; omitted: whatever it points at when read.</param>
/// <param name="AcknowledgeSchemaChange">Required (true) when the version's schema differs from the one the alias points at; recorded in the history.</param>
public sealed record PromoteRequest(int Version, int? ExpectedVersion, string? Reason, string? By, bool AcknowledgeSchemaChange = false);
