using System.Text.Json;
using MlOps.Core.Serialization;

namespace MlOps.Core.Serving;

/// <summary>
/// Writes a <see cref="Prediction"/> as <see cref="JsonDefaults"/> serializes it (camelCase, nulls left out,
/// non-finite numbers as strings), without the serializer's per-call contract lookup: the prediction log writes one
/// per logged row on the serving cores.
/// </summary>
public static class PredictionJson
{
    public static void Write(Utf8JsonWriter writer, Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.Explanation is not null)
        {
            JsonSerializer.Serialize(writer, prediction, JsonDefaults.Options); // rare on the log path: explanations are not logged
            return;
        }

        writer.WriteStartObject();
        if (prediction.Label is not null)
        {
            writer.WriteString("label"u8, prediction.Label);
        }

        writer.WritePropertyName("score"u8);
        WriteNumberValue(writer, prediction.Score);
        if (prediction.Probability is double probability)
        {
            writer.WritePropertyName("probability"u8);
            WriteNumberValue(writer, probability);
        }

        if (prediction.Probabilities is not null)
        {
            writer.WriteStartObject("probabilities"u8);
            foreach ((string label, double value) in prediction.Probabilities)
            {
                writer.WritePropertyName(label);
                WriteNumberValue(writer, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteNumberValue(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(NonFinite(value));
        }
    }

    private static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}
