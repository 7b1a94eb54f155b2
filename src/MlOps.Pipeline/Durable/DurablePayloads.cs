using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using MlOps.Core.Serialization;

namespace MlOps.Pipeline.Durable;

/// <summary>
/// The one JSON contract for orchestration and activity payloads (inputs, outputs, events, custom status) in both
/// hosts: the product's own settings, so a metric that is NaN or infinite, an enum and a date read back as they were
/// written whichever host wrote them. The Functions worker takes it as its <see cref="ObjectSerializer"/> (the Durable
/// extension builds its data converter from that), the portable worker and client of the local host as their
/// <see cref="DataConverter"/>.
/// </summary>
public static class DurablePayloads
{
    public static JsonSerializerOptions Options => JsonDefaults.Options;

    /// <summary>For the portable Durable Task worker and client (DurableTaskWorkerOptions / DurableTaskClientOptions.DataConverter).</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(Options);

    /// <summary>For the Functions worker (WorkerOptions.Serializer), whose Durable extension wraps it as its data converter.</summary>
    public static ObjectSerializer Serializer { get; } = new JsonObjectSerializer(Options);
}
