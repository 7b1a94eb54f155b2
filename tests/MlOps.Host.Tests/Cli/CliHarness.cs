using Microsoft.Extensions.Configuration;
using MlOps.Host.Cli;
using MlOps.Testing;
using Spectre.Console;

namespace MlOps.Host.Tests.Cli;

/// <summary>
/// Runs `mlops` in-process with its output captured and its surroundings of the test's choosing: environment
/// variables, a discovery file and a key file in a folder of its own (never the user's ~/.mlops), no configuration.
/// </summary>
public sealed class CliHarness
{
    private readonly Dictionary<string, string?> _variables;

    public CliHarness(string? hostFile = null, IDictionary<string, string?>? variables = null)
    {
        string home = Path.Combine(Path.GetTempPath(), UniqueName.For("mlops-home"));
        HostFile = hostFile ?? Path.Combine(home, "host.json");
        _variables = new Dictionary<string, string?>(variables ?? new Dictionary<string, string?>());
        Environment = new CliEnvironment(
            name => _variables.GetValueOrDefault(name), HostFile, Path.Combine(home, "api-key"), () => new ConfigurationBuilder().Build());
    }

    public string HostFile { get; }

    public CliEnvironment Environment { get; }

    /// <summary>One invocation: the exit code and what went to standard output (tables and --json alike) and standard error.</summary>
    public async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240;
        var session = new CliSession(new CliOutput(console, output, errors), Environment);
        int exitCode = await CliApp.Create(session).RunAsync(args);
        return new CliRun(exitCode, output.ToString(), errors.ToString());
    }
}
