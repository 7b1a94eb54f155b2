using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>Options of the commands that record a human decision: why, and who.</summary>
public class DecisionSettings : ApiSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why; kept in the promotion history.")]
    public string Reason { get; init; } = "manual";

    [CommandOption("--by <NAME>")]
    [Description("Who decides (default: the API key holder).")]
    public string? By { get; init; }
}
