using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOps.Core.Specs;

/// <summary>Reads and writes a <see cref="ThresholdSpec"/> as a JSON number or one of its rule names.</summary>
public sealed class ThresholdSpecJsonConverter : JsonConverter<ThresholdSpec>
{
    public override ThresholdSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return ThresholdSpec.Fixed(reader.GetDouble());
            case JsonTokenType.String when reader.ValueTextEquals(ThresholdSpec.MaxF1Name):
                return new ThresholdSpec(ThresholdRule.MaxF1);
            case JsonTokenType.String when reader.ValueTextEquals(ThresholdSpec.BalancedName):
                return new ThresholdSpec(ThresholdRule.Balanced);
            default:
                throw new JsonException($"The threshold must be a probability between 0 and 1, \"{ThresholdSpec.MaxF1Name}\" or \"{ThresholdSpec.BalancedName}\".");
        }
    }

    public override void Write(Utf8JsonWriter writer, ThresholdSpec value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Rule == ThresholdRule.Fixed)
        {
            writer.WriteNumberValue(value.Value);
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
