using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>Options shared by the commands that talk to a running host's HTTP API (local or Functions).</summary>
public class ApiSettings : CommandSettings
{
    [CommandOption("--api <URL>")]
    [Description("Base URL of the host's API (default http://127.0.0.1:7071, or MLOPS_API).")]
    public string? Api { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("Key for calls that change state (default: MLOPS_API_KEY, else ~/.mlops/api-key).")]
    public string? ApiKey { get; init; }
}
