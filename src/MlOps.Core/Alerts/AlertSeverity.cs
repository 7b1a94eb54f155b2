using System.Text.Json.Serialization;

namespace MlOps.Core.Alerts;

[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
