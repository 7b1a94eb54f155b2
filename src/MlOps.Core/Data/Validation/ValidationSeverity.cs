using System.Text.Json.Serialization;

namespace MlOps.Core.Data.Validation;

/// <summary>Errors reject the dataset before training; warnings are recorded and shown; info is context.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ValidationSeverity>))]
public enum ValidationSeverity
{
    Info,
    Warning,
    Error,
}
