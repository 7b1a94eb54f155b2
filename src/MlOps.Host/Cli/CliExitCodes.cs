namespace MlOps.Host.Cli;

/// <summary>The exit codes of `mlops`: scripts may rely on them, and the README lists them with these meanings.</summary>
public static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>A run the command waited for ended Failed, Rejected or Expired.</summary>
    public const int RunFailed = 1;

    public const int Usage = 2;

    public const int ApiError = 3;

    public const int Unreachable = 4;

    public const int Unexpected = 5;

    /// <summary>Ctrl+C, as shells report a process ended by SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>Each code with what it means, in the README's words.</summary>
    public static IReadOnlyList<KeyValuePair<int, string>> Meanings { get; } =
    [
        new(Success, "done (for `--wait`: the run succeeded, was not promoted by its gate, or had nothing new to train)"),
        new(RunFailed, "the run waited for ended `Failed`, `Rejected` or `Expired`"),
        new(Usage, "usage: unknown command or option, missing or invalid argument, invalid model name, missing file"),
        new(ApiError, "the API or storage refused the request (the problem details' `detail` is shown), or no Azure credential"),
        new(Unreachable, "no host answers (nothing listens at the API address), or the upload's storage does not answer"),
        new(Unexpected, "an unexpected error (a bug: `MLOPS_DEBUG=1` prints the stack trace)"),
        new(Interrupted, "interrupted with Ctrl+C"),
    ];
}
