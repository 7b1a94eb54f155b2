namespace MlOps.Core.Artifacts;

/// <summary>An artifact that is missing or whose content does not match the SHA-256 the registry recorded: it is refused, never loaded.</summary>
public sealed class ArtifactIntegrityException : Exception
{
    public ArtifactIntegrityException(string path, string expectedSha256, string actualSha256)
        : base($"Artifact '{path}' was refused: its SHA-256 is {actualSha256}, the registry expects {expectedSha256}.")
    {
        Path = path;
    }

    private ArtifactIntegrityException(string path, string message)
        : base(message)
    {
        Path = path;
        IsMissing = true;
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

    /// <summary>True when there was no artifact at all (deleted, or never written), false when its content differs.</summary>
    public bool IsMissing { get; }

    public static ArtifactIntegrityException Missing(string path, string expectedSha256) =>
        new(path, $"Artifact '{path}' was refused: it is missing (the registry expects one with SHA-256 {expectedSha256}).");
}
