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
            case JsonTokenType.String when (options.NumberHandling & JsonNumberHandling.AllowNamedFloatingPointLiterals) != 0
                && (reader.ValueTextEquals("NaN") || reader.ValueTextEquals("Infinity") || reader.ValueTextEquals("-Infinity")):
                // What Write produces for a value that is not finite under settings that allow it (payloads); a spec's validation refuses it.
                return ThresholdSpec.Fixed(JsonSerializer.Deserialize<double>(ref reader, options));
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
            JsonSerializer.Serialize(writer, value.Value, options); // NaN and infinities as the settings allow, like any other double
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
