using System.Text.Json.Serialization;

namespace MlOps.Core.Specs;

/// <summary>What the pipeline does with a column that holds personal data (the spec's <c>pii</c> map).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PiiAction>))]
public enum PiiAction
{
    /// <summary>Left out of the model and the prepared splits; removed from the inputs the prediction log stores.</summary>
    Drop,

    /// <summary>
    /// Left out of the model and the prepared splits; the prediction log stores a keyed HMAC-SHA256 of the value
    /// (Privacy:HashKey), so equal values can still be matched without storing them.
    /// </summary>
    Hash,

    /// <summary>Used as any other column: the user has decided the data may be kept.</summary>
    Allow,
}
