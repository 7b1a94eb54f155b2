using System.Text.Json.Serialization;

namespace MlOps.Core.Specs;

/// <summary>How much each training row of a classifier weighs, by its class.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClassWeighting>))]
public enum ClassWeighting
{
    /// <summary>Every row weighs 1.</summary>
    None,

    /// <summary>
    /// Each class weighs as much as every other in total: a row of class c weighs rows / (classes × rows of c), as
    /// scikit-learn's class_weight="balanced", so a rare class is not drowned by a common one.
    /// </summary>
    Balanced,
}
