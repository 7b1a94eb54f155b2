namespace MlOps.Core.Storage;

/// <summary>Finds the repository's infra/ folder (package.json pinning Azurite) from the program or the working directory.</summary>
public static class InfraLocator
{
    public static string Find(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "package.json"))
                ? Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"Azurite:InfraDirectory '{configured}' has no package.json.");
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "infra", "package.json");
                if (File.Exists(candidate))
                {
                    return Path.GetDirectoryName(candidate)!;
                }
            }
        }

        throw new DirectoryNotFoundException(
            "No infra/package.json found above the program or the working directory; set Azurite:InfraDirectory or Storage:ConnectionString.");
    }
}
