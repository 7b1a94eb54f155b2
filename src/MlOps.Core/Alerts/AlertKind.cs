using System.Text.Json.Serialization;

namespace MlOps.Core.Alerts;

/// <summary>What an alert is about; Azure Monitor alert rules can route each kind differently.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind
{
    Drift,
    Decay,
    RunFailed,
    DataRejected,
    Budget,
    Retrain,
    CostAnomaly,

    /// <summary>A challenger whose input or output schema differs from production's was not promoted automatically.</summary>
    SchemaChange,

    /// <summary>An alias points at a version whose artifact is missing or altered; an earlier version serves instead.</summary>
    ArtifactRefused,

    /// <summary>An uploaded blob no model can take (its name breaks the naming rule): no run was started.</summary>
    UploadIgnored,

    /// <summary>A served version crossed a monitoring.serving threshold (error rate, p95 latency) in a monitor window.</summary>
    ServingHealth,
}
