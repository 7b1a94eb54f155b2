using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>The output choice every command that prints results offers.</summary>
public class OutputSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print the API's JSON as is (valid, never wrapped) instead of tables; for scripts and jq.")]
    public bool Json { get; init; }
}
