namespace MlOps.Core.Artifacts;

/// <summary>Where an artifact was written and what its content hashes to.</summary>
public sealed record StoredArtifact(string Container, string Path, string Sha256, long SizeBytes);
