using Azure;
using Azure.Identity;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// Turns any exception that leaves a command into one line on stderr (`mlops: what went wrong; what to do`) and an
/// exit code from <see cref="CliExitCodes"/>. Commands therefore never catch to print: they throw a
/// <see cref="CliException"/> with the hint they know, and everything else is mapped here. No stack trace unless
/// MLOPS_DEBUG=1.
/// </summary>
public static class CliErrors
{
    public const string UsageHint = "`mlops --help` lists the commands, `mlops <command> --help` their arguments and options";

    public static int Handle(Exception exception, CliOutput output, bool debug)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(output);
        (int code, string message, string hint) = Describe(exception);
        output.WriteError(message, hint);
        if (debug)
        {
            output.Error.WriteLine(exception.ToString());
        }

        return code;
    }

    public static (int Code, string Message, string Hint) Describe(Exception exception) => exception switch
    {
        CliException cli => (cli.ExitCode, cli.Message, cli.Hint),
        CommandConfigurationException => (CliExitCodes.Unexpected, exception.Message, "the command line is misconfigured: please report it"),
        CommandAppException => (CliExitCodes.Usage, exception.Message, UsageHint),
        OperationCanceledException => (CliExitCodes.Interrupted, "interrupted", "nothing was rolled back: a run already started goes on (`mlops run <runId>` shows it)"),
        AuthenticationFailedException => (CliExitCodes.ApiError, "no Azure credential: " + FirstLine(exception.Message),
            "sign in with `az login` (or set AZURE_CLIENT_ID and its secret or federated token), then retry"),
        RequestFailedException { Status: 0 } or AggregateException { InnerException: RequestFailedException { Status: 0 } } =>
            (CliExitCodes.Unreachable, "storage does not answer: " + FirstLine(exception.Message), "start the local host with `mlops serve`, or check --account-url"),
        RequestFailedException storage => (CliExitCodes.ApiError, $"storage answered {storage.Status} {storage.ErrorCode}: {FirstLine(storage.Message)}",
            storage.Status == 403
                ? "your identity needs the Storage Blob Data Contributor role on the account (azd grants it to AZURE_PRINCIPAL_ID)"
                : "see the message"),
        _ => (CliExitCodes.Unexpected, $"unexpected {exception.GetType().Name}: {FirstLine(exception.Message)}",
            "set MLOPS_DEBUG=1 to print the stack trace, and please report it"),
    };

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
