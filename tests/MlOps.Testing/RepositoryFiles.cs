namespace MlOps.Testing;

/// <summary>Files of the repository the tests hold the product to (the README's claims, for one).</summary>
public static class RepositoryFiles
{
    /// <summary>The folder that holds MlOps.Functions.sln, found above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Readme => Path.Combine(Root, "README.md");

    public static string ReadReadme() => File.ReadAllText(Readme);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "README.md")) && File.Exists(Path.Combine(directory.FullName, "MlOps.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No folder with README.md and MlOps.Functions.sln above the test binaries.");
    }
}
