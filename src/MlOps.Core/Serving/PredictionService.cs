using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.Core.Alerts;
using MlOps.Core.Cost;
using MlOps.Core.Monitoring.Serving;
using MlOps.Core.Registry;
using MlOps.Core.Serving.Explanations;
using MlOps.Core.Telemetry;
using MlOps.Core.Training;

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
    private readonly MlOpsMetrics _metrics;
    private readonly ServingStatistics _statistics;
    private readonly UsageMeter _usage;
    private readonly ServingMeter _serving;

    public PredictionService(
        ModelCache cache, PredictionLog log, TimeProvider clock, IOptions<ServingOptions> options, UsageMeter usage, ServingMeter serving, MlOpsMetrics metrics,
        ServingStatistics statistics)
    {
        _usage = usage;
        _serving = serving;
        _statistics = statistics;
        _cache = cache;
        _log = log;
        _clock = clock;
        _options = options.Value;
        _metrics = metrics;
    }

    public ServingOptions Options => _options;

    /// <param name="body">UTF-8 JSON: an array of row objects, or an object with a "rows" array. Kept by the log, so not reused by the caller.</param>
    /// <param name="explainTop">Explain each row with this many of its largest contributions; null (the default) explains nothing and costs nothing.</param>
    public async Task<PredictionResult> PredictAsync(
        string model, ReadOnlyMemory<byte> body, string? alias = null, int? version = null, string? requestId = null, int? explainTop = null,
        CancellationToken cancellationToken = default)
    {
        // In flight from here: the instance's busy time (what Flex Consumption bills) is shared among versions by rows.
        _usage.ServingStarted();
        long started = Stopwatch.GetTimestamp();
        // Null unless an exporter listens and the request's trace is sampled: then one span per request, which the
        // serving-health query reads for its latency percentiles.
        using Activity? span = MlOpsTracing.Source.StartActivity(MlOpsTracing.PredictSpanName);
        try
        {
            PredictionResult result = await AnswerAsync(model, body, alias, version, requestId, explainTop, started, cancellationToken).ConfigureAwait(false);
            Measure(started, model, result.Version, PredictionOutcome.Ok, span);
            return result;
        }
        catch (Exception ex)
        {
            string outcome = PredictionOutcome.Of(ex);
            Measure(started, model, version, outcome, span);
            if (PredictionOutcome.IsServiceError(outcome))
            {
                MlOpsTracing.RecordException(span, ex);
            }

            throw;
        }
        finally
        {
            _usage.ServingEnded();
        }
    }

    /// <summary>
    /// One count and one latency per request, by model, version and outcome: into the host's own serving statistics
    /// always, into the metrics and the request's span only when an exporter listens.
    /// </summary>
    private void Measure(long started, string model, int? version, string outcome, Activity? span)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(MlOpsTags.Model, model).SetTag(MlOpsTags.Version, version).SetTag(MlOpsTags.Outcome, outcome);
        }

        double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        bool serviceError = PredictionOutcome.IsServiceError(outcome);
        if (version is not null || serviceError)
        {
            // A caller's mistake before a version was found (an unknown model, bad JSON) is not the service's health,
            // and recording it would let any name a caller invents take a slot.
            _statistics.Record(model, version ?? 0, serviceError, milliseconds);
        }

        if (!_metrics.Predictions.Enabled && !_metrics.PredictionDuration.Enabled)
        {
            return; // no exporter: not even the tags' boxing on the request path
        }

        var tags = new TagList { { MlOpsTags.Model, model }, { MlOpsTags.Version, version }, { MlOpsTags.Outcome, outcome } };
        _metrics.Predictions.Add(1, tags);
        _metrics.PredictionDuration.Record(milliseconds, tags);
    }

    private async Task<PredictionResult> AnswerAsync(
        string model, ReadOnlyMemory<byte> body, string? alias, int? version, string? requestId, int? explainTop, long started, CancellationToken cancellationToken)
    {
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
        IReadOnlyList<Prediction> predictions;
        IReadOnlyList<Prediction> answered;
        if (explainTop is int top)
        {
            // Explained first: a model that cannot be explained refuses the request before anything is scored or logged.
            IReadOnlyList<PackedRow> packed = loaded.Pack(rows);
            IReadOnlyList<PredictionExplanation> explanations = loaded.Explain(packed, top);
            predictions = loaded.Predict(packed);
            answered = [.. predictions.Select((p, i) => p with { Explanation = explanations[i] })];
        }
        else
        {
            predictions = answered = loaded.Predict(rows);
        }

        string id = string.IsNullOrWhiteSpace(requestId) ? RequestIds.New() : requestId;
        string? shadow = version is null && servedAlias == ModelRegistry.Production ? await _cache.GetShadowAliasAsync(model, cancellationToken).ConfigureAwait(false) : null;
        DateTimeOffset at = _clock.GetUtcNow();
        _serving.RecordRequest(model, loaded.Version.Version, predictions.Count, at);
        _log.Record(new PredictionLogEntry(
            id, model, loaded.Version.Version, version is null ? servedAlias : $"version:{version}", at,
            Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3), body, predictions, shadow, // µs: finer is noise, and costs log bytes
            loaded.Version.Layout.Pii.Count == 0 ? null : loaded.Version.Layout.Pii));
        return new PredictionResult(model, loaded.Version.Version, id, answered); // the log keeps the predictions without explanations
    }
}
