using System.Text.Json;
using System.Text.RegularExpressions;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Repository;

/// <summary>The README's reproducible-restore claims: a lock file beside every project, and the lifted versions it names.</summary>
public sealed partial class LockFilesTests
{
    [Fact]
    public void Projects_EveryProject_HasItsLockFile()
    {
        string[] projects = [.. new[] { "src", "tests", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(project => !project.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];
        Assert.NotEmpty(projects);
        string[] missing = [.. projects.Where(project => !File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "packages.lock.json")))];
        Assert.True(missing.Length == 0, $"Projects without packages.lock.json: {string.Join(", ", missing)}");
        Assert.Contains("<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>", File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Directory.Build.props")), StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_LiftedVersions_AreWhatTheLockFilesResolve()
    {
        MatchCollection rows = LiftedRow().Matches(RepositoryFiles.ReadReadme());
        Assert.True(rows.Count >= 5, "the README's reproducible-restore table was not found");
        Dictionary<string, List<Version>> resolved = ResolvedVersions();
        foreach (Match row in rows)
        {
            string package = row.Groups["package"].Value;
            Assert.True(resolved.TryGetValue(package, out List<Version>? versions), $"{package} is in no lock file");
            Assert.Contains(Version.Parse(row.Groups["resolved"].Value), versions);
            Assert.All(versions, version => Assert.True(version >= Version.Parse(row.Groups["asked"].Value), $"{package} resolves {version}, below what is asked for"));
        }
    }

    private static Dictionary<string, List<Version>> ResolvedVersions()
    {
        var resolved = new Dictionary<string, List<Version>>(StringComparer.OrdinalIgnoreCase);
        foreach (string lockFile in Directory.EnumerateFiles(RepositoryFiles.Root, "packages.lock.json", SearchOption.AllDirectories))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(lockFile));
            foreach (JsonProperty framework in document.RootElement.GetProperty("dependencies").EnumerateObject())
            {
                foreach (JsonProperty package in framework.Value.EnumerateObject())
                {
                    if (package.Value.TryGetProperty("resolved", out JsonElement version) && Version.TryParse(version.GetString(), out Version? parsed))
                    {
                        (resolved.TryGetValue(package.Name, out List<Version>? list) ? list : resolved[package.Name] = []).Add(parsed);
                    }
                }
            }
        }

        return resolved;
    }

    [GeneratedRegex(@"^\| (?<package>[A-Za-z0-9.]+) \| (?<asked>[0-9.]+) \| (?<resolved>[0-9.]+) \|", RegexOptions.Multiline)]
    private static partial Regex LiftedRow();
}
