using System.Text.Json;
using System.Text.RegularExpressions;

namespace MlOps.Functions.Tests;

/// <summary>The README's way to run the app with Core Tools: copy the sample and start; so the sample must hold every setting the app reads.</summary>
public partial class LocalSettingsSampleTests
{
    private static readonly string Sample = Path.Combine(BuildOutput.RepositoryRoot, "src", "MlOps.Functions", "local.settings.sample.json");

    [Fact]
    public void Sample_SettingsTheAppReads_AreAllThere()
    {
        IReadOnlyDictionary<string, string> values = Values();

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        // Bindings without a connection of their own (the blob triggers, the durable client and task hub) use AzureWebJobsStorage.
        Assert.True(values.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage is missing");
        string metadata = File.ReadAllText(Path.Combine(BuildOutput.FunctionsDirectory, "functions.metadata"));
        string hostJson = File.ReadAllText(Path.Combine(BuildOutput.FunctionsDirectory, "host.json"));
        string[] referenced = [.. SettingReference().Matches(metadata + hostJson).Select(m => m.Groups[1].Value).Distinct()];
        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.True(values.ContainsKey(name), $"%{name}% is read by the app but missing from the sample"));
        Assert.DoesNotContain("\"connection\"", metadata, StringComparison.Ordinal); // else its setting belongs in the sample too
        Assert.True(values.ContainsKey("Storage__ConnectionString") || values.ContainsKey("Storage__AccountUri"), "the app's own storage is not configured");
    }

    [Fact]
    public void Readme_LocalRun_NamesEverySampleSetting()
    {
        string readme = File.ReadAllText(Path.Combine(BuildOutput.RepositoryRoot, "README.md"));

        Assert.All(Values().Keys, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
        Assert.Contains("cp src/MlOps.Functions/local.settings.sample.json src/MlOps.Functions/local.settings.json", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSettings_CopiedFromTheSample_IsGitIgnored()
    {
        string[] ignored = File.ReadAllLines(Path.Combine(BuildOutput.RepositoryRoot, ".gitignore"));

        Assert.Contains("local.settings.json", ignored);
    }

    private static Dictionary<string, string> Values()
    {
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(Sample));
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();
}
