using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// The base of every command that talks to the API: it connects (--api-url, keys, the running host's discovery
/// file), runs the command, and prints the result the one way every command prints.
/// </summary>
/// <remarks>
/// How a new command prints:
/// <list type="bullet">
/// <item>Derive from <c>ApiCommand&lt;TSettings&gt;</c> with settings derived from <see cref="ApiSettings"/> (which brings
/// --json, --api-url, --api-key, --function-key), give every argument and option a <c>[Description]</c>, and mark a
/// model argument <see cref="ValidModelNameAttribute"/>. Register it in <see cref="CliApp"/> with a description.</item>
/// <item>Return a <see cref="CommandOutput"/> from <see cref="RunAsync"/>: the API's JSON (printed as is with --json) and
/// the human view, usually <see cref="CommandOutput.Table"/> with the columns worth reading or
/// <see cref="CommandOutput.Document"/>. Never write to <c>Console</c> or <c>AnsiConsole</c>: that output would break
/// --json and escape the tests' capture. Progress or prompts go through <c>Session.Output.Console</c>, and only when
/// <c>settings.Json</c> is false.</item>
/// <item>Never catch an exception to print it. Let API and connection errors through (<see cref="ApiClient"/> already
/// explains them), and throw a <see cref="CliException"/> with an exit code from <see cref="CliExitCodes"/> and a hint
/// for anything the command itself refuses; <see cref="CliErrors"/> prints every error as one line on stderr.</item>
/// </list>
/// </remarks>
public abstract class ApiCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : ApiSettings
{
    protected ApiCommand(CliSession session) => Session = session;

    protected CliSession Session { get; }

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using ApiClient api = Session.Connect(settings);
        CommandOutput output = await RunAsync(context, settings, api, cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            Session.Output.WriteJson(output.Json);
        }
        else
        {
            Session.Output.Console.Write(output.Human);
        }

        return output.ExitCode;
    }

    /// <summary>Does the command's work against the API and returns what to print.</summary>
    protected abstract Task<CommandOutput> RunAsync(CommandContext context, TSettings settings, ApiClient api, CancellationToken cancellationToken);
}
