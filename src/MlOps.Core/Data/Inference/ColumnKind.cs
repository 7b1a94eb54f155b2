using System.Text.Json.Serialization;

namespace MlOps.Core.Data.Inference;

/// <summary>How a column is treated downstream: featurised as a number, one-hot/hashed as a category, tokenised as text, or dropped.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColumnKind>))]
public enum ColumnKind
{
    Numeric,
    Categorical,
    Text,
    Ignore,
}
