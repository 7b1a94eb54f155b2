namespace MlOps.Core.Serving;

/// <summary>
/// One answered request as the request path hands it to the prediction log: the raw request body (parsed again off
/// the request path) and the answers, so logging costs the request an enqueue and nothing more. <see cref="Pii"/>
/// names the input columns the model's spec drops or hashes as personal data, which the log never stores as sent.
/// </summary>
public sealed record PredictionLogEntry(
    string RequestId,
    string Model,
    int Version,
    string Alias,
    DateTimeOffset At,
    double LatencyMs,
    ReadOnlyMemory<byte> Body,
    IReadOnlyList<Prediction> Predictions,
    string? ShadowAlias,
    IReadOnlyDictionary<string, Specs.PiiAction>? Pii = null);
