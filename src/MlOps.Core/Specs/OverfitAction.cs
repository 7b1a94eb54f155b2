using System.Text.Json.Serialization;

namespace MlOps.Core.Specs;

/// <summary>What the gate does when the train/test gap exceeds the spec's threshold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OverfitAction>))]
public enum OverfitAction
{
    Warn,
    Fail,
}
