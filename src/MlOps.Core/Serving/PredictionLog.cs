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
/// loop turns each entry into JSON lines as it arrives (parsing the rows, scoring them with the shadow alias when one
/// is configured) and the lines are appended to hourly append blobs every flush interval. Blocks that fail to append
/// are retried, and stopping the host drains the queue first.
/// </summary>
/// <remarks>
/// Serializing on arrival rather than at flush time matters under load: a queued entry holds the request body and
/// answers, and holding a second's worth of them promoted every one of them through the GC generations (long pauses,
/// full collections); serialized lines live in a few reused block buffers instead, and the work is spread evenly.
/// </remarks>
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

    // The block being filled for each blob, the full ones waiting to be appended (in order), and emptied ones for
    // reuse; all touched only under _flushing.
    private readonly Dictionary<string, ArrayBufferWriter<byte>> _open = new(StringComparer.Ordinal);
    private readonly Queue<(string Blob, ArrayBufferWriter<byte> Block)> _sealed = new();
    private readonly Stack<ArrayBufferWriter<byte>> _spare = new();
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

    /// <summary>Writes everything queued so far (tests, shutdown, and the flush timer).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SerializeQueuedAsync(cancellationToken).ConfigureAwait(false);
            foreach ((string blob, ArrayBufferWriter<byte> block) in _open)
            {
                _sealed.Enqueue((blob, block));
            }

            _open.Clear();
            if (_sealed.Count == 0)
            {
                return;
            }

            await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            while (_sealed.TryPeek(out (string Blob, ArrayBufferWriter<byte> Block) next))
            {
                await AppendAsync(next.Blob, next.Block.WrittenMemory, cancellationToken).ConfigureAwait(false);
                _sealed.Dequeue();
                next.Block.ResetWrittenCount();
                _spare.Push(next.Block);
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
        Task appending = AppendPeriodicallyAsync(stoppingToken);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await _flushing.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await SerializeQueuedAsync(stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    _flushing.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync drains what is left.
        }

        await appending.ConfigureAwait(false);
    }

    private async Task AppendPeriodicallyAsync(CancellationToken stoppingToken)
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
                    // The blocks stay queued and are retried on the next tick: storage hiccups lose nothing.
                    _logger.LogWarning(ex, "Could not append {Count} prediction log blocks; retrying", _sealed.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync drains what is left.
        }
    }

    /// <summary>Turns every queued entry into lines in its blob's open block (call under _flushing).</summary>
    private async Task SerializeQueuedAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out PredictionLogEntry? entry))
        {
            await WriteLinesAsync(PredictionLogPaths.For(entry.Model, entry.At, _instance), entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private ArrayBufferWriter<byte> OpenBlock(string blob)
    {
        if (!_open.TryGetValue(blob, out ArrayBufferWriter<byte>? block))
        {
            block = _spare.TryPop(out ArrayBufferWriter<byte>? spare) ? spare : new ArrayBufferWriter<byte>(64 * 1024);
            _open[blob] = block;
        }

        return block;
    }

    /// <summary>One JSON line per scored row: the inputs, the answer, and the shadow's answer when there is one.</summary>
    private async Task WriteLinesAsync(string blob, PredictionLogEntry entry, CancellationToken cancellationToken)
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
            catch (Exception ex) when (ex is ModelNotFoundException or PredictionInputException or Artifacts.ArtifactIntegrityException or RequestFailedException)
            {
                _logger.LogWarning(ex, "Shadow alias {Alias} of {Model} could not score request {RequestId}", entry.ShadowAlias, entry.Model, entry.RequestId);
            }
        }

        ArrayBufferWriter<byte> output = OpenBlock(blob);
        using var writer = new Utf8JsonWriter(output);
        int index = 0;
        foreach (JsonElement row in rows.EnumerateArray())
        {
            output = OpenBlock(blob);
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
            if (output.WrittenCount >= MaxBlockBytes)
            {
                _sealed.Enqueue((blob, output));
                _open.Remove(blob);
            }
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

        using Stream stream = BinaryData.FromBytes(block).ToStream();
        await blob.AppendBlockAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
