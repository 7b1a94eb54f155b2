using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.Cost;
using MlOps.Core.Storage;

namespace MlOps.Core.Serving;

/// <summary>
/// The prediction log that drift and decay monitors read. Requests enqueue (never wait on storage); a background
/// loop turns each entry into JSON lines as it arrives (copying the rows from the request, or parsing and scoring them
/// with the shadow alias when one is configured) and compresses them into the open block of the hour's append blob.
/// A block is appended as one gzip member (a blob is a valid multi-member .jsonl.gz at every moment) as soon as it
/// is full, and every flush interval whatever is open. Blocks that fail to append are retried in order, and stopping
/// the host drains the queue first. While storage is unreachable the log buffers in memory up to
/// <see cref="ServingOptions.PredictionLogBufferBytes"/>; past that, entries are dropped (never waited for) and
/// counted, and everything buffered is appended once storage answers again.
/// </summary>
/// <remarks>
/// Under load, everything here is about keeping the serving cores' work even. Serializing on arrival: a queued entry
/// holds the request body and answers, and holding a second's worth of them promoted them through the GC generations
/// (long pauses). Compressing as lines are written rather than at flush time, and appending full blocks at once rather
/// than on the tick: the storage service (Azurite on the same 2 cores, which checksums every appended byte in
/// JavaScript) then gets a steady trickle instead of a burst each second. Compression itself cuts what it stores per
/// request by 2.5x (varied rows) to 10x (repeated ones); uncompressed lines cost Azurite 0.65 cores at 30k requests/s.
/// </remarks>
public sealed class PredictionLog : BackgroundService
{
    // Appended as soon as this much is compressed: small enough to spread the storage work, large enough that a busy
    // instance stays far under an append blob's 50,000 blocks in its hour (one block a second plus one per 2 MiB
    // keeps under it up to 24 MiB/s of compressed log, several times what 2 cores can serve) and its 4 MiB per block.
    private const int SealBytes = 2 * 1024 * 1024;

    // An append block holds at most 4 MiB: a block takes at most this much before compression, so even lines that
    // hardly compress fit (one line longer than this, possible only for a huge text row, goes into a block alone).
    private const int MaxRawBytes = 3 * 1024 * 1024;

    // Each attempt re-reads (or re-creates) the blob, so a refusal is not repeated; what fails this often is an outage.
    private const int StopFlushAttempts = 4;

    private static readonly TimeSpan SerializeBatchDelay = TimeSpan.FromMilliseconds(2);

    private readonly Channel<PredictionLogEntry> _queue = Channel.CreateUnbounded<PredictionLogEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly MlOpsStorage _storage;
    private readonly ModelCache _models;
    private readonly ServingOptions _options;
    private readonly Alerts.MlOpsMetrics _metrics;
    private readonly PiiRedactor _redactor;
    private bool _warnedNoHashKey;
    private readonly ILogger<PredictionLog> _logger;
    private readonly ServingMeter? _meter;

    // Queued request bodies plus sealed blocks not yet appended: what the buffer bound counts.
    private long _bufferedBytes;
    private long _dropped;
    private long _droppedUnreported;

    // Serializing: the open block of each blob and the line writer, under _serializing.
    private readonly SemaphoreSlim _serializing = new(1, 1);
    private readonly Dictionary<string, PredictionLogBlock> _open = new(StringComparer.Ordinal);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);
    private readonly ArrayBufferWriter<byte> _lines = new(16 * 1024);
    private readonly List<Range> _rowRanges = [];
    private readonly byte[] _scratch = new byte[16 * 1024];

    // Appending: sealed blocks in order, one appender at a time (_appending); emptied blocks go back for reuse.
    private readonly ConcurrentQueue<PredictionLogBlock> _sealed = new();
    private readonly ConcurrentBag<PredictionLogBlock> _spare = [];
    private readonly SemaphoreSlim _appending = new(1, 1);
    private readonly SemaphoreSlim _blockSealed = new(0);
    private readonly Dictionary<string, AppendTarget> _appendTargets = new(StringComparer.Ordinal);

    /// <param name="meter">Counts each append's bytes and storage requests for the versions logged in it; null counts nothing.</param>
    public PredictionLog(
        MlOpsStorage storage, ModelCache models, IOptions<ServingOptions> options, Alerts.MlOpsMetrics metrics, ILogger<PredictionLog> logger, ServingMeter? meter = null)
    {
        _meter = meter is { Enabled: true } ? meter : null;
        _storage = storage;
        _models = models;
        _options = options.Value;
        _metrics = metrics;
        _redactor = new PiiRedactor(_options.PiiHashKey);
        _logger = logger;
    }

    /// <summary>Bytes held for storage now: queued request bodies and compressed blocks waiting to be appended.</summary>
    public long BufferedBytes => Interlocked.Read(ref _bufferedBytes);

    /// <summary>Entries dropped since the process started because the buffer was full.</summary>
    public long DroppedEntries => Interlocked.Read(ref _dropped);

    /// <summary>Queues an answered request (subject to the sample rate); returns at once, dropping it when the buffer is full.</summary>
    public void Record(PredictionLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_options.PredictionLogSampleRate < 1 && Random.Shared.NextDouble() >= _options.PredictionLogSampleRate)
        {
            return;
        }

        long size = entry.Body.Length;
        if (Interlocked.Read(ref _bufferedBytes) + size > _options.PredictionLogBufferBytes)
        {
            Drop(entry);
        }
        else if (_queue.Writer.TryWrite(entry))
        {
            Interlocked.Add(ref _bufferedBytes, size);
        }
    }

    private void Drop(PredictionLogEntry entry)
    {
        Interlocked.Increment(ref _dropped);
        _metrics.PredictionLogDropped.Add(1, new KeyValuePair<string, object?>("model", entry.Model));
        if (Interlocked.Increment(ref _droppedUnreported) == 1)
        {
            // Once per episode: the request path must not pay for a log line per dropped entry.
            _logger.LogWarning(
                "The prediction log holds {Bytes} bytes that storage has not taken (limit {Limit}, Serving:PredictionLogBufferBytes); dropping new entries until it does",
                BufferedBytes, _options.PredictionLogBufferBytes);
        }
    }

    /// <summary>After an append: says how many entries were dropped since the buffer filled, once storage takes blocks again.</summary>
    private void ReportDropped()
    {
        long dropped = Interlocked.Exchange(ref _droppedUnreported, 0);
        if (dropped > 0)
        {
            _logger.LogWarning(
                "Storage takes the prediction log again; {Dropped} entries were dropped while its buffer was full ({Total} since start)", dropped, DroppedEntries);
        }
    }

    /// <summary>Writes everything queued so far (tests, shutdown, and the flush timer).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _serializing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SerializeQueuedAsync(cancellationToken).ConfigureAwait(false);
            foreach (PredictionLogBlock block in _open.Values)
            {
                Seal(block);
            }

            _open.Clear();
        }
        finally
        {
            _serializing.Release();
        }

        await AppendSealedAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _writer.Dispose();
        foreach (PredictionLogBlock block in _open.Values.Concat(_sealed).Concat(_spare))
        {
            block.Dispose();
        }

        _serializing.Dispose();
        _appending.Dispose();
        _blockSealed.Dispose();
        base.Dispose();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushBeforeStoppingAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The last flush, which has no next tick to retry it: an append refused because the blob moved on (another
    /// writer of the same instance name appended, or the blob was deleted) is tried again at once, each attempt
    /// reading the blob's position again and creating it if it is gone; blocks that still cannot be stored are logged
    /// with their size, never thrown out of the host's shutdown.
    /// </summary>
    private async Task FlushBeforeStoppingAsync()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or IOException or InvalidOperationException)
            {
                if (attempt == StopFlushAttempts)
                {
                    _logger.LogError(
                        ex, "The prediction log could not store {Blocks} blocks ({Bytes} bytes) before stopping, after {Attempts} attempts; their lines are lost",
                        _sealed.Count, BufferedBytes, attempt);
                    return;
                }

                _logger.LogWarning(ex, "The prediction log's last flush failed (attempt {Attempt} of {Attempts}); trying again", attempt, StopFlushAttempts);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Task appending = AppendContinuouslyAsync(stoppingToken);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await _serializing.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await SerializeQueuedAsync(stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    _serializing.Release();
                }

                // Lets requests gather before the next wake-up: waiting on an empty queue again at once would make
                // nearly every request hand a continuation to the thread pool (and often wake a thread) just to log it.
                await Task.Delay(SerializeBatchDelay, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync drains what is left.
        }

        await appending.ConfigureAwait(false);
    }

    /// <summary>Appends each block as it fills, and everything open every flush interval.</summary>
    private async Task AppendContinuouslyAsync(CancellationToken stoppingToken)
    {
        long interval = (long)_options.PredictionLogFlushInterval.TotalMilliseconds;
        long nextFlush = Environment.TickCount64 + interval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // The tick comes first: under a steady stream of full blocks for one model, another model's open
                    // block must still go out within the interval.
                    long now = Environment.TickCount64;
                    if (now >= nextFlush)
                    {
                        nextFlush = now + interval;
                        await FlushAsync(stoppingToken).ConfigureAwait(false);
                    }
                    else if (await _blockSealed.WaitAsync((int)(nextFlush - now), stoppingToken).ConfigureAwait(false))
                    {
                        await AppendSealedAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is RequestFailedException or IOException or InvalidOperationException)
                {
                    // The blocks stay queued and are retried on the next tick: storage hiccups lose nothing.
                    _logger.LogWarning(ex, "Could not append {Count} prediction log blocks; retrying", _sealed.Count);
                    await Task.Delay(_options.PredictionLogFlushInterval, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync drains what is left.
        }
    }

    /// <summary>Turns every queued entry into lines in its blob's open block (call under _serializing).</summary>
    private async Task SerializeQueuedAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out PredictionLogEntry? entry))
        {
            _lines.ResetWrittenCount();
            await WriteLinesAsync(entry, cancellationToken).ConfigureAwait(false);
            WriteToBlocks(PredictionLogPaths.For(entry.Model, entry.At, PredictionLogPaths.ThisInstance), entry, _lines.WrittenSpan);
            Interlocked.Add(ref _bufferedBytes, -entry.Body.Length);
        }
    }

    /// <summary>Adds whole lines to the blob's open block, sealing it when full (call under _serializing).</summary>
    private void WriteToBlocks(string blob, PredictionLogEntry entry, ReadOnlySpan<byte> lines)
    {
        while (!lines.IsEmpty)
        {
            if (!_open.TryGetValue(blob, out PredictionLogBlock? block))
            {
                block = (_spare.TryTake(out PredictionLogBlock? spare) ? spare : new PredictionLogBlock()).Open(blob, entry.Model, entry.At);
                _open[blob] = block;
            }

            long room = MaxRawBytes - block.RawLength;
            int take = lines.Length <= room ? lines.Length : lines[..(int)Math.Max(room, 0)].LastIndexOf((byte)'\n') + 1;
            if (take == 0 && !block.IsEmpty)
            {
                SealOpen(block);
                continue;
            }

            if (take == 0)
            {
                take = lines.IndexOf((byte)'\n') + 1 is > 0 and int line ? line : lines.Length;
            }

            block.Write(lines[..take], entry.Version);
            lines = lines[take..];
            if (block.CompressedLength >= SealBytes || block.RawLength >= MaxRawBytes)
            {
                SealOpen(block);
            }
        }
    }

    private void SealOpen(PredictionLogBlock block)
    {
        _open.Remove(block.Blob);
        Seal(block);
        _blockSealed.Release();
    }

    private void Seal(PredictionLogBlock block)
    {
        block.Seal();
        if (block.IsEmpty)
        {
            _spare.Add(block);
        }
        else
        {
            Interlocked.Add(ref _bufferedBytes, block.CompressedLength);
            _sealed.Enqueue(block);
        }
    }

    /// <summary>Appends the sealed blocks in order; a failed one stays first in line for the next attempt.</summary>
    private async Task AppendSealedAsync(CancellationToken cancellationToken)
    {
        await _appending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sealed.IsEmpty)
            {
                return;
            }

            await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            while (_sealed.TryPeek(out PredictionLogBlock? block))
            {
                await AppendMeteredAsync(block, cancellationToken).ConfigureAwait(false);
                _sealed.TryDequeue(out _);
                Interlocked.Add(ref _bufferedBytes, -block.CompressedLength);
                _spare.Add(block);
            }

            ReportDropped();
        }
        finally
        {
            _appending.Release();
        }
    }

    /// <summary>Appends a block, counting its storage requests and bytes as the serving cost of the versions whose lines it holds.</summary>
    private async Task AppendMeteredAsync(PredictionLogBlock block, CancellationToken cancellationToken)
    {
        if (_meter is null)
        {
            await AppendAsync(block, cancellationToken).ConfigureAwait(false);
            return;
        }

        var requests = new StorageCounters();
        try
        {
            using (StorageCounters.CaptureInto(requests))
            {
                await AppendAsync(block, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // A failed attempt's requests were made (and billed) too; the block itself is counted when it lands.
            _meter.RecordLogAppend(block.Model, block.Hour, block.RawBytesByVersion, requests.Take());
        }

        _meter.RecordLogAppend(block.Model, block.Hour, block.RawBytesByVersion, [], appendedBytes: block.CompressedLength);
    }

    /// <summary>One JSON line per scored row into _lines: the inputs, the answer, and the shadow's answer when there is one.</summary>
    private async Task WriteLinesAsync(PredictionLogEntry entry, CancellationToken cancellationToken)
    {
        // Without a shadow to score or personal data to take out, the rows are copied from the request as the client
        // wrote them (no parsing into a document); the count check guards against bodies the request path read
        // differently (e.g. duplicate "rows").
        if (entry.ShadowAlias is null && entry.Pii is null && TryFindRows(entry))
        {
            for (int index = 0; index < _rowRanges.Count; index++)
            {
                WriteLine(entry, index, entry.Body.Span[_rowRanges[index]], default, null, null);
            }

            return;
        }

        if (entry.Pii is not null && !_redactor.CanHash && !_warnedNoHashKey && entry.Pii.Values.Contains(Specs.PiiAction.Hash))
        {
            _warnedNoHashKey = true;
            _logger.LogWarning("Model {Model} hashes personal data columns but Serving:PiiHashKey is not set: the prediction log drops them instead", entry.Model);
        }

        using JsonDocument body = JsonDocument.Parse(entry.Body);
        JsonElement rows = RequestRows.Of(body.RootElement);
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

        int row = 0;
        foreach (JsonElement inputs in rows.EnumerateArray())
        {
            WriteLine(entry, row, default, inputs, shadow?[row], shadowVersion);
            row++;
        }
    }

    private bool TryFindRows(PredictionLogEntry entry)
    {
        // The usual single-row request: the row is what lies between the array's brackets, found without reading it again.
        if (entry.Predictions.Count == 1 && RequestRows.TryUnwrapSingle(entry.Body.Span, out Range row))
        {
            _rowRanges.Clear();
            _rowRanges.Add(row);
            return true;
        }

        return RequestRows.TryFind(entry.Body.Span, _rowRanges) && _rowRanges.Count == entry.Predictions.Count;
    }

    /// <param name="rawInputs">The row's JSON as the client sent it; when empty, <paramref name="inputs"/> is written instead.</param>
    private void WriteLine(PredictionLogEntry entry, int row, ReadOnlySpan<byte> rawInputs, JsonElement inputs, Prediction? shadow, int? shadowVersion)
    {
        _writer.Reset(_lines);
        _writer.WriteStartObject();
        _writer.WriteString("requestId", entry.RequestId);
        _writer.WriteNumber("row", row);
        _writer.WriteString("at", entry.At);
        _writer.WriteString("model", entry.Model);
        _writer.WriteNumber("version", entry.Version);
        _writer.WriteString("alias", entry.Alias);
        _writer.WriteNumber("latencyMs", entry.LatencyMs);
        _writer.WritePropertyName("inputs");
        if (rawInputs.IsEmpty && entry.Pii is not null)
        {
            _redactor.WriteRow(_writer, inputs, entry.Pii);
        }
        else if (rawInputs.IsEmpty)
        {
            inputs.WriteTo(_writer);
        }
        else
        {
            RequestRows.WriteSingleLine(_writer, rawInputs, _scratch);
        }

        _writer.WritePropertyName("prediction");
        PredictionJson.Write(_writer, entry.Predictions[row]);
        if (shadow is not null)
        {
            _writer.WritePropertyName("shadow");
            _writer.WriteStartObject();
            _writer.WriteString("alias", entry.ShadowAlias);
            _writer.WriteNumber("version", shadowVersion!.Value);
            _writer.WritePropertyName("prediction");
            PredictionJson.Write(_writer, shadow);
            _writer.WriteEndObject();
        }

        _writer.WriteEndObject();
        _writer.Flush();
        _lines.Write("\n"u8);
    }

    /// <summary>
    /// Appends to the blob's current part at the position it was left at, moving to a new part when one has all the
    /// blocks it may take. The position condition makes a retry safe: after a failed or timed-out append the blob is
    /// read again, and a block that landed after all is counted instead of written twice.
    /// </summary>
    private async Task AppendAsync(PredictionLogBlock block, CancellationToken cancellationToken)
    {
        AppendTarget? target = _appendTargets.GetValueOrDefault(block.Blob);
        long size = block.CompressedLength;
        if (target is null || target.Length < 0)
        {
            // First append by this process (the blob may exist from an earlier one with the same instance name, as a
            // restarted container keeps its pid), or the last append's outcome is unknown.
            target = await ReadTargetAsync(block.Blob, target?.Part ?? 1, cancellationToken).ConfigureAwait(false);
            if (target.Unconfirmed is long before && await IsStoredAtAsync(block, target, before, cancellationToken).ConfigureAwait(false))
            {
                _appendTargets[block.Blob] = target with { Unconfirmed = null };
                return;
            }
        }

        while (target.Blocks >= _options.PredictionLogBlocksPerBlob)
        {
            target = await ReadTargetAsync(block.Blob, target.Part + 1, cancellationToken).ConfigureAwait(false);
        }

        AppendBlobClient blob = PartBlob(block.Blob, target.Part);
        using Stream content = block.OpenRead();
        try
        {
            await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = target.Length } }, cancellationToken).ConfigureAwait(false);
            _appendTargets[block.Blob] = target with { Blocks = target.Blocks + 1, Length = target.Length + size, Unconfirmed = null };
        }
        catch (Exception ex) when (ex is RequestFailedException or IOException or OperationCanceledException)
        {
            _appendTargets[block.Blob] = target with { Length = -1, Unconfirmed = target.Length };
            throw;
        }
    }

    /// <summary>
    /// Whether an append whose answer was lost landed: the block's own bytes at the position it was appended at. The
    /// blob's length alone cannot say, as another writer's block of the same size, or blocks appended after, change it too.
    /// </summary>
    private async Task<bool> IsStoredAtAsync(PredictionLogBlock block, AppendTarget target, long at, CancellationToken cancellationToken)
    {
        long size = block.CompressedLength;
        if (target.Length < at + size)
        {
            return false;
        }

        AppendBlobClient blob = PartBlob(block.Blob, target.Part);
        BlobDownloadResult stored = (await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(at, size) }, cancellationToken).ConfigureAwait(false)).Value;
        return block.IsStoredAs(stored.Content.ToMemory().Span);
    }

    private AppendBlobClient PartBlob(string blobName, int part) =>
        _storage.Container(_storage.Layout.Predictions).GetAppendBlobClient(PredictionLogPaths.Part(blobName, part));

    private async Task<AppendTarget> ReadTargetAsync(string blobName, int part, CancellationToken cancellationToken)
    {
        AppendBlobClient blob = PartBlob(blobName, part);
        await blob.CreateIfNotExistsAsync(PredictionLogFormat.CreateOptions, cancellationToken).ConfigureAwait(false);
        BlobProperties properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        return new AppendTarget(part, properties.BlobCommittedBlockCount, properties.ContentLength, _appendTargets.GetValueOrDefault(blobName)?.Unconfirmed);
    }
}
