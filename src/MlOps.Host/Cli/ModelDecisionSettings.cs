using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>Settings of the commands that record a human decision about a model (promote, rollback): why, and who.</summary>
public class ModelDecisionSettings : ModelSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description(DecisionSettings.ReasonDescription)]
    public string Reason { get; init; } = "manual";

    [CommandOption("--by <NAME>")]
    [Description(DecisionSettings.ByDescription)]
    public string? By { get; init; }
}
