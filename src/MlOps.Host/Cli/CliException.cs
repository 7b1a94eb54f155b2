namespace MlOps.Host.Cli;

/// <summary>
/// A failure the CLI explains in one line on stderr: what went wrong (the message), what to do about it (the hint),
/// and the exit code (<see cref="CliExitCodes"/>). Commands throw it; <see cref="CliErrors"/> prints it.
/// </summary>
public class CliException : Exception
{
    public CliException(int exitCode, string message, string hint, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Hint = hint;
    }

    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = CliExitCodes.Unexpected;

    public string Hint { get; } = string.Empty;

    public static CliException Usage(string message, string hint) => new(CliExitCodes.Usage, message, hint);
}
