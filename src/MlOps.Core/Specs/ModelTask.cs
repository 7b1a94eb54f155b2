using System.Text.Json.Serialization;

namespace MlOps.Core.Specs;

/// <summary>The learning task a pipeline spec asks for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelTask>))]
public enum ModelTask
{
    Binary,
    Multiclass,
    Regression,
}
