namespace MlOps.Core.Artifacts;

/// <summary>An artifact whose content does not match the SHA-256 the registry recorded: it is refused, never loaded.</summary>
public sealed class ArtifactIntegrityException : Exception
{
    public ArtifactIntegrityException(string path, string expectedSha256, string actualSha256)
        : base($"Artifact '{path}' was refused: its SHA-256 is {actualSha256}, the registry expects {expectedSha256}.")
    {
        Path = path;
    }

    public ArtifactIntegrityException()
    {
        Path = string.Empty;
    }

    public ArtifactIntegrityException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    public ArtifactIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    public string Path { get; }
}
