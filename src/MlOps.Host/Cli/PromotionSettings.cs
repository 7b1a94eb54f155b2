using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>Options of the commands that move an alias (promote, rollback): a decision, and its acknowledgement of a schema change.</summary>
public class PromotionSettings : ModelDecisionSettings
{
    [CommandOption("--acknowledge-schema-change")]
    [Description("Move the alias although the two versions' schemas differ (recorded as acknowledged in the history).")]
    public bool AcknowledgeSchemaChange { get; init; }
}
