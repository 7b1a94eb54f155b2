using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>Settings of the commands that answer a run waiting for approval: the run, why, and who.</summary>
public class DecisionSettings : ApiSettings
{
    public const string ReasonDescription = "Why; kept in the promotion history.";

    public const string ByDescription = "Who decides (default: the API key holder).";

    [CommandArgument(0, "<runId>")]
    [Description("The run that waits for approval (model.hash, as upload and runs print it).")]
    public string RunId { get; init; } = string.Empty;

    [CommandOption("--reason <TEXT>")]
    [Description(ReasonDescription)]
    public string Reason { get; init; } = "manual";

    [CommandOption("--by <NAME>")]
    [Description(ByDescription)]
    public string? By { get; init; }
}
