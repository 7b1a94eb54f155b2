using System.Text.Json;
using MlOps.Host.Runtime;
using MlOps.Host.Tests.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Cli;

/// <summary>Tables for people by default; --json for programs: valid, unwrapped and unescaped even when piped.</summary>
public sealed class CliOutputTests : IClassFixture<AzuriteFixture>
{
    // Longer than the 80 columns a redirected console assumes, with a '+' that the default encoder writes as \u002B.
    private static readonly string LongName = "c+" + new string('x', 150);

    private readonly AzuriteFixture _azurite;

    public CliOutputTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Json_RedirectedOutput_IsValidUnwrappedAndUnescaped()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:WatchBlobs"] = "false" });
        await SetSpecAsync(runtime);

        CliRun run = await MlOpsProcess.RunAsync(null, "spec", "bc", "--json", "--api-url", runtime.ApiBaseUrl);

        Assert.True(run.ExitCode == 0, run.ToString());
        using JsonDocument spec = JsonDocument.Parse(run.Output);
        Assert.Equal(LongName, spec.RootElement.GetProperty("spec").GetProperty("ignore")[0].GetString());
        Assert.Contains($"\"{LongName}\"", run.Output.Split('\n').Select(l => l.Trim().TrimEnd(',')));
        Assert.DoesNotContain("\\u002B", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_RedirectedOutput_PrintsTablesNotJson()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:WatchBlobs"] = "false" });
        await SetSpecAsync(runtime);

        CliRun list = await MlOpsProcess.RunAsync(null, "runs", "bc", "--api-url", runtime.ApiBaseUrl);
        CliRun document = await MlOpsProcess.RunAsync(null, "spec", "bc", "--api-url", runtime.ApiBaseUrl);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("(none)", list.Output.Trim()); // no runs yet: said, not "[]"
        Assert.True(document.ExitCode == 0, document.ToString());
        Assert.Matches(@"(?m)^model\s+bc\s*$", document.Output);
        Assert.Matches(@"(?m)\blabel\s+diagnosis\s*$", document.Output);
        Assert.DoesNotContain("{", document.Output, StringComparison.Ordinal);
    }

    private async Task SetSpecAsync(LocalRuntime runtime)
    {
        string file = Path.Combine(Path.GetTempPath(), UniqueName.For("spec") + ".json");
        await File.WriteAllTextAsync(file, $$"""{ "label": "diagnosis", "ignore": ["{{LongName}}"] }""");
        try
        {
            CliRun set = await new CliHarness().RunAsync("spec", "bc", file, "--api-url", runtime.ApiBaseUrl, "--api-key", runtime.ApiKey);
            Assert.True(set.ExitCode == 0, set.ToString());
            Assert.Contains("version", set.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
