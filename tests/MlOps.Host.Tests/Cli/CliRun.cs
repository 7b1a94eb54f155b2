namespace MlOps.Host.Tests.Cli;

/// <summary>What one `mlops` invocation did: its exit code, standard output and standard error.</summary>
public sealed record CliRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Standard error's lines (an error is exactly one).</summary>
    public string[] ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
}
