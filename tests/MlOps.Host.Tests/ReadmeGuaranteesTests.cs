using System.Text.RegularExpressions;
using MlOps.Testing;

namespace MlOps.Host.Tests;

/// <summary>The README's Guarantees section names real tests: each `Class.Method` it cites is a test method in tests/.</summary>
public sealed partial class ReadmeGuaranteesTests
{
    [Fact]
    public void Guarantees_CitedTests_ExistInTheTestProjects()
    {
        string readme = RepositoryFiles.ReadReadme().ReplaceLineEndings("\n");
        int start = readme.IndexOf("\n## Guarantees\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no Guarantees section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = readme[start..end];

        string[] cited = [.. CitedTest().Matches(section).Select(m => m.Groups[1].Value).Distinct()];
        Assert.True(cited.Length >= 8, $"only {cited.Length} tests cited");
        string[] sources = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "tests"), "*.cs", SearchOption.AllDirectories);
        Assert.All(cited, test =>
        {
            string[] parts = test.Split('.');
            Assert.True(
                sources.Any(file => Path.GetFileNameWithoutExtension(file) == parts[0] && Regex.IsMatch(File.ReadAllText(file), $@"\b(Task|void) {parts[1]}\(")),
                $"README cites {test}, which is no test method in tests/");
        });
    }

    [GeneratedRegex(@"`([A-Z][A-Za-z]+Tests\.[A-Z][A-Za-z0-9_]+)`")]
    private static partial Regex CitedTest();
}
