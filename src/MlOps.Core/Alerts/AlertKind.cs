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
}
