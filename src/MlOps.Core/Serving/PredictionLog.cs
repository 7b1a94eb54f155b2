using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;

namespace MlOps.Core.Serving;

/// <summary>
/// The prediction log that drift and decay monitors read. Requests enqueue (never wait on storage); a background
/// loop parses the rows, scores them with the shadow alias when one is configured, and appends JSON lines to
/// hourly append blobs. Entries that fail to write are retried, and stopping the host drains the queue first.
/// </summary>
public sealed class PredictionLog : BackgroundService
{
    // An append blob block holds at most 4 MiB; stay well under it.
    private const int MaxBlockBytes = 3 * 1024 * 1024;

    private readonly Channel<PredictionLogEntry> _queue = Channel.CreateUnbounded<PredictionLogEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly MlOpsStorage _storage;
    private readonly ModelCache _models;
    private readonly ServingOptions _options;
    private readonly ILogger<PredictionLog> _logger;
    private readonly string _instance = $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}";
    private readonly HashSet<string> _createdBlobs = [];
    private readonly List<PredictionLogEntry> _pending = [];
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public PredictionLog(MlOpsStorage storage, ModelCache models, IOptions<ServingOptions> options, ILogger<PredictionLog> logger)
    {
        _storage = storage;
        _models = models;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Queues an answered request (subject to the sample rate); returns at once.</summary>
    public void Record(PredictionLogEntry entry)
    {
        if (_options.PredictionLogSampleRate >= 1 || Random.Shared.NextDouble() < _options.PredictionLogSampleRate)
        {
            _queue.Writer.TryWrite(entry);
        }
    }

    /// <summary>Writes everything queued so far (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_queue.Reader.TryRead(out PredictionLogEntry? entry))
            {
                _pending.Add(entry);
            }

            if (_pending.Count > 0)
            {
                await WritePendingAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PredictionLogFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RequestFailedException or IOException or InvalidOperationException)
                {
                    // Kept in _pending and retried on the next tick: storage hiccups lose nothing.
                    _logger.LogWarning(ex, "Could not write {Count} prediction log entries; retrying", _pending.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync drains what is left.
        }
    }

    private async Task WritePendingAsync(CancellationToken cancellationToken)
    {
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (IGrouping<string, PredictionLogEntry> blob in _pending.GroupBy(e => PredictionLogPaths.For(e.Model, e.At, _instance)).ToList())
        {
            var buffer = new ArrayBufferWriter<byte>();
            foreach (PredictionLogEntry entry in blob)
            {
                await WriteLinesAsync(buffer, entry, cancellationToken).ConfigureAwait(false);
                if (buffer.WrittenCount >= MaxBlockBytes)
                {
                    await AppendAsync(blob.Key, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    buffer.Clear();
                }
            }

            if (buffer.WrittenCount > 0)
            {
                await AppendAsync(blob.Key, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }

            _pending.RemoveAll(e => blob.Contains(e));
        }
    }

    /// <summary>One JSON line per scored row: the inputs, the answer, and the shadow's answer when there is one.</summary>
    private async Task WriteLinesAsync(IBufferWriter<byte> output, PredictionLogEntry entry, CancellationToken cancellationToken)
    {
        using JsonDocument body = JsonDocument.Parse(entry.Body);
        JsonElement rows = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("rows", out JsonElement inner) ? inner : body.RootElement;
        IReadOnlyList<Prediction>? shadow = null;
        int? shadowVersion = null;
        if (entry.ShadowAlias is not null)
        {
            try
            {
                LoadedModel model = await _models.GetByAliasAsync(entry.Model, entry.ShadowAlias, cancellationToken).ConfigureAwait(false);
                shadow = model.Predict(rows);
                shadowVersion = model.Version.Version;
            }
            catch (Exception ex) when (ex is ModelNotFoundException or PredictionInputException or Artifacts.ArtifactIntegrityException)
            {
                _logger.LogWarning(ex, "Shadow alias {Alias} of {Model} could not score request {RequestId}", entry.ShadowAlias, entry.Model, entry.RequestId);
            }
        }

        using var writer = new Utf8JsonWriter(output);
        int index = 0;
        foreach (JsonElement row in rows.EnumerateArray())
        {
            writer.Reset(output);
            writer.WriteStartObject();
            writer.WriteString("requestId", entry.RequestId);
            writer.WriteNumber("row", index);
            writer.WriteString("at", entry.At);
            writer.WriteString("model", entry.Model);
            writer.WriteNumber("version", entry.Version);
            writer.WriteString("alias", entry.Alias);
            writer.WriteNumber("latencyMs", entry.LatencyMs);
            writer.WritePropertyName("inputs");
            row.WriteTo(writer);
            writer.WritePropertyName("prediction");
            JsonSerializer.Serialize(writer, entry.Predictions[index], JsonDefaults.Options);
            if (shadow is not null)
            {
                writer.WritePropertyName("shadow");
                writer.WriteStartObject();
                writer.WriteString("alias", entry.ShadowAlias);
                writer.WriteNumber("version", shadowVersion!.Value);
                writer.WritePropertyName("prediction");
                JsonSerializer.Serialize(writer, shadow[index], JsonDefaults.Options);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.Flush();
            output.Write("\n"u8);
            index++;
        }
    }

    private async Task AppendAsync(string blobName, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        AppendBlobClient blob = _storage.Container(_storage.Layout.Predictions).GetAppendBlobClient(blobName);
        if (!_createdBlobs.Contains(blobName))
        {
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _createdBlobs.Add(blobName);
        }

        using var stream = new MemoryStream(block.ToArray(), writable: false);
        await blob.AppendBlockAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
