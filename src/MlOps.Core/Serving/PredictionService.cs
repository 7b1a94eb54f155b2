using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.Core.Cost;
using MlOps.Core.Registry;

namespace MlOps.Core.Serving;

/// <summary>
/// Answers prediction requests from the production version (or a named alias or version), and hands each answered
/// request to the prediction log together with the model's shadow alias, if it has one.
/// </summary>
public sealed class PredictionService
{
    private readonly ModelCache _cache;
    private readonly PredictionLog _log;
    private readonly TimeProvider _clock;
    private readonly ServingOptions _options;
    private readonly UsageMeter _usage;
    private readonly ServingMeter _serving;

    public PredictionService(ModelCache cache, PredictionLog log, TimeProvider clock, IOptions<ServingOptions> options, UsageMeter usage, ServingMeter serving)
    {
        _usage = usage;
        _serving = serving;
        _cache = cache;
        _log = log;
        _clock = clock;
        _options = options.Value;
    }

    public ServingOptions Options => _options;

    /// <param name="body">UTF-8 JSON: an array of row objects, or an object with a "rows" array. Kept by the log, so not reused by the caller.</param>
    public async Task<PredictionResult> PredictAsync(
        string model, ReadOnlyMemory<byte> body, string? alias = null, int? version = null, string? requestId = null, CancellationToken cancellationToken = default)
    {
        // In flight from here: the instance's busy time (what Flex Consumption bills) is shared among versions by rows.
        _usage.ServingStarted();
        try
        {
            return await AnswerAsync(model, body, alias, version, requestId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _usage.ServingEnded();
        }
    }

    private async Task<PredictionResult> AnswerAsync(string model, ReadOnlyMemory<byte> body, string? alias, int? version, string? requestId, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        if (body.Length > _options.MaxRequestBytes)
        {
            throw new RequestTooLargeException($"The request has {body.Length} bytes, over the limit of {_options.MaxRequestBytes} (Serving:MaxRequestBytes); use batch scoring.");
        }

        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement rows = RequestRows.Of(document.RootElement);
        if (rows.ValueKind == JsonValueKind.Array && rows.GetArrayLength() > _options.MaxRowsPerRequest)
        {
            throw new PredictionInputException($"{rows.GetArrayLength()} rows exceed the limit of {_options.MaxRowsPerRequest} per request (Serving:MaxRowsPerRequest); use batch scoring.");
        }

        string servedAlias = alias ?? ModelRegistry.Production;
        LoadedModel loaded = version is int v
            ? await _cache.GetVersionAsync(model, v, cancellationToken).ConfigureAwait(false)
            : await _cache.GetByAliasAsync(model, servedAlias, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Prediction> predictions = loaded.Predict(rows);

        string id = string.IsNullOrWhiteSpace(requestId) ? Guid.NewGuid().ToString("N") : requestId;
        string? shadow = version is null && servedAlias == ModelRegistry.Production ? await _cache.GetShadowAliasAsync(model, cancellationToken).ConfigureAwait(false) : null;
        DateTimeOffset at = _clock.GetUtcNow();
        _serving.RecordRequest(model, loaded.Version.Version, predictions.Count, at);
        _log.Record(new PredictionLogEntry(
            id, model, loaded.Version.Version, version is null ? servedAlias : $"version:{version}", at,
            Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3), body, predictions, shadow, // µs: finer is noise, and costs log bytes
            loaded.Version.Layout.Pii.Count == 0 ? null : loaded.Version.Layout.Pii));
        return new PredictionResult(model, loaded.Version.Version, id, predictions);
    }
}
