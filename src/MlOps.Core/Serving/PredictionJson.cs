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

        WriteNumber(writer, "score"u8, prediction.Score);
        if (prediction.Probability is double probability)
        {
            WriteNumber(writer, "probability"u8, probability);
        }

        if (prediction.Probabilities is not null)
        {
            writer.WriteStartObject("probabilities"u8);
            foreach ((string label, double value) in prediction.Probabilities)
            {
                WriteNumber(writer, label, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, NonFinite(value));
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, NonFinite(value));
        }
    }

    private static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}
