using MlOps.Host.Demo;
using Spectre.Console;

namespace MlOps.Host.Tests;

/// <summary>The README's main command, in-process: it must finish with exit code 0 and show metrics and predictions.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task RunAsync_EmbeddedDefault_TrainsDeploysAndScoresHeldBackRows()
    {
        var output = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });

        string plots = Path.Combine(Path.GetTempPath(), MlOps.Testing.UniqueName.For("demo"));

        int exitCode = await DemoRunner.RunAsync(console, new Dictionary<string, string?> { ["Host:TaskHub"] = "demotest", [DemoRunner.OutputSetting] = plots }, CancellationToken.None);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("auc", text, StringComparison.Ordinal);
        Assert.Contains("held-back rows classified correctly", text, StringComparison.Ordinal);
        Assert.Matches(@"dataset drifted\s*│\s*no", text); // held-back rows of the training distribution
        Assert.Matches(@"Dashboard: http://127\.0\.0\.1:\d+/#/models/breast-cancer", text);
        string plot = Assert.Single(Directory.GetFiles(plots, "drift-*.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(plot)[..4]);
        Directory.Delete(plots, recursive: true);
    }
}
