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

        int exitCode = await DemoRunner.RunAsync(console, new Dictionary<string, string?> { ["Host:TaskHub"] = "demotest" }, CancellationToken.None);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("auc", text, StringComparison.Ordinal);
        Assert.Contains("held-back rows classified correctly", text, StringComparison.Ordinal);
    }
}
