using System.Text.Json.Serialization;

namespace MlOps.Core.Specs;

/// <summary>What a run does with a challenger whose input or output schema differs from production's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SchemaChangeAction>))]
public enum SchemaChangeAction
{
    /// <summary>Register it, promote nothing, raise an alert: a human promotes it by hand, acknowledging the change.</summary>
    Reject,

    /// <summary>Raise an alert and wait for an approval (as deployment mode approval does); approving acknowledges the change.</summary>
    Approval,
}
