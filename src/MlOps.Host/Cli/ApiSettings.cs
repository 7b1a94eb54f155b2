using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>Options shared by the commands that talk to a host's HTTP API (the local host or the Functions app).</summary>
public class ApiSettings : OutputSettings
{
    [CommandOption("--api-url <URL>")]
    [Description("Base URL of the API (default: MLOPS_API_URL, else the running `mlops serve` from ~/.mlops/host.json, else http://127.0.0.1:7071).")]
    public string? ApiUrl { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("Local host: key for calls that change state, sent as x-api-key (default: MLOPS_API_KEY, else the running host's, else ~/.mlops/api-key).")]
    public string? ApiKey { get; init; }

    [CommandOption("--function-key <KEY>")]
    [Description("Functions app in Azure: a function key, sent as x-functions-key (default: MLOPS_FUNCTION_KEY).")]
    public string? FunctionKey { get; init; }

    public override ValidationResult Validate() =>
        ApiUrl is not null && !ApiConnection.IsHttpUrl(ApiUrl)
            ? ValidationResult.Error($"--api-url '{ApiUrl}' is not an http or https URL")
            : base.Validate();
}
