using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Testing;

namespace MlOps.Core.Tests.Serving;

public sealed class PredictionLogTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public PredictionLogTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task StopAsync_EntriesStillQueued_AllWrittenBeforeShutdownCompletes()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00", // nothing would be written by the timer within the test
        });
        var log = services.GetRequiredService<PredictionLog>();
        await log.StartAsync(CancellationToken.None);
        var at = new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.Zero);
        for (int i = 0; i < 500; i++)
        {
            byte[] body = Encoding.UTF8.GetBytes($$"""[{ "x": {{i}} }, { "x": {{i + 0.5}} }]""");
            log.Record(new PredictionLogEntry($"r{i}", "m1", 3, "production", at.AddMinutes(i % 90), 0.5, body,
                [new Prediction("a", 0.1, 0.2), new Prediction("b", 0.3, 0.4)], null));
        }

        await log.StopAsync(CancellationToken.None);

        var storage = services.GetRequiredService<MlOpsStorage>();
        var lines = new List<string>();
        var blobs = new List<string>();
        await foreach (BlobItem blob in storage.Container(storage.Layout.Predictions).GetBlobsAsync(BlobTraits.None, BlobStates.None, "m1/", CancellationToken.None))
        {
            blobs.Add(blob.Name);
            lines.AddRange((await PredictionLogText(storage, blob.Name)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(1000, lines.Count);
        Assert.Equal(2, blobs.Count); // 10:xx and 11:xx hour partitions
        Assert.Contains(blobs, b => b.StartsWith("m1/date=2026-11-27/hour=10/", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"requestId\":\"r499\"", StringComparison.Ordinal)
            && JsonDocument.Parse(l).RootElement.GetProperty("inputs").GetProperty("x").GetDouble() == 499.5);
    }

    [Fact]
    public async Task FlushAsync_SeveralFlushesIntoOneHour_OneBlobOfGzipMembersReadableAsAWhole()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
        });
        var log = services.GetRequiredService<PredictionLog>();
        var at = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        for (int flush = 0; flush < 3; flush++)
        {
            for (int i = 0; i < 200; i++)
            {
                log.Record(new PredictionLogEntry($"f{flush}-{i}", "m3", 1, "production", at.AddSeconds(i), 0.5,
                    Encoding.UTF8.GetBytes($$"""[{ "x": {{i}}, "color": "red" }]"""), [new Prediction("a", 0.1, 0.2)], null));
            }

            await log.FlushAsync();
        }

        var storage = services.GetRequiredService<MlOpsStorage>();
        var blobs = new List<BlobItem>();
        await foreach (BlobItem blob in storage.Container(storage.Layout.Predictions).GetBlobsAsync(BlobTraits.None, BlobStates.None, "m3/", CancellationToken.None))
        {
            blobs.Add(blob);
        }

        BlobItem only = Assert.Single(blobs);
        Assert.EndsWith(".jsonl.gz", only.Name, StringComparison.Ordinal);
        Assert.Equal("application/gzip", only.Properties.ContentType);
        string[] lines = (await PredictionLogText(storage, only.Name)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(600, lines.Length); // all three members, not just the first
        Assert.Contains(lines, l => l.Contains("\"requestId\":\"f2-199\"", StringComparison.Ordinal));
        Assert.True(only.Properties.ContentLength < Encoding.UTF8.GetByteCount(string.Join('\n', lines)) / 3, $"{only.Properties.ContentLength} bytes stored");
    }

    [Fact]
    public async Task FlushAsync_PrettyPrintedRequestBody_OneLinePerRowWithTheClientsValues()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var log = services.GetRequiredService<PredictionLog>();
        byte[] body = Encoding.UTF8.GetBytes("{\n  \"rows\": [\n    { \"x\": 1.50,\n      \"color\": \"red\" },\r\n    { \"x\": null, \"color\": \"blue\" }\n  ]\n}\n");
        log.Record(new PredictionLogEntry("pretty", "m4", 1, "production", DateTimeOffset.UtcNow, 0.25, body, [new Prediction("a", 0.1, 0.2), new Prediction("b", 0.3, 0.4)], null));

        await log.FlushAsync();

        var storage = services.GetRequiredService<MlOpsStorage>();
        var lines = new List<string>();
        await foreach (BlobItem blob in storage.Container(storage.Layout.Predictions).GetBlobsAsync(BlobTraits.None, BlobStates.None, "m4/", CancellationToken.None))
        {
            lines.AddRange((await PredictionLogText(storage, blob.Name)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(2, lines.Count);
        var rows = lines.Select(l => JsonDocument.Parse(l).RootElement).OrderBy(r => r.GetProperty("row").GetInt32()).ToList();
        Assert.Equal("1.50", rows[0].GetProperty("inputs").GetProperty("x").GetRawText());
        Assert.Equal("blue", rows[1].GetProperty("inputs").GetProperty("color").GetString());
        Assert.Equal("b", rows[1].GetProperty("prediction").GetProperty("label").GetString());
    }

    [Fact]
    public async Task FlushAsync_PrettyPrintedSingleRowArray_TheClientsRowOnOneLine()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var log = services.GetRequiredService<PredictionLog>();
        byte[] body = Encoding.UTF8.GetBytes(" [\n  { \"x\": 1.50,\r\n    \"color\": \"red\" }\r\n]\n");
        log.Record(new PredictionLogEntry("single", "m4s", 1, "production", DateTimeOffset.UtcNow, 0.25, body, [new Prediction("a", 0.1, 0.2)], null));

        await log.FlushAsync();

        var storage = services.GetRequiredService<MlOpsStorage>();
        var lines = new List<string>();
        await foreach (BlobItem blob in storage.Container(storage.Layout.Predictions).GetBlobsAsync(BlobTraits.None, BlobStates.None, "m4s/", CancellationToken.None))
        {
            lines.AddRange((await PredictionLogText(storage, blob.Name)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        JsonElement line = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal("{ \"x\": 1.50,      \"color\": \"red\" }", line.GetProperty("inputs").GetRawText());
        Assert.Equal("""{"label":"a","score":0.1,"probability":0.2}""", line.GetProperty("prediction").GetRawText());
    }

    [Fact]
    public async Task FlushAsync_BlobHasAllTheBlocksItMayTake_NextPartOfTheHourTakesTheRest()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
            ["Serving:PredictionLogBlocksPerBlob"] = "2",
        });
        var log = services.GetRequiredService<PredictionLog>();
        var at = new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero);
        for (int flush = 0; flush < 5; flush++)
        {
            log.Record(new PredictionLogEntry($"p{flush}", "m5", 1, "production", at, 0.5, Encoding.UTF8.GetBytes("""[{"x":1}]"""), [new Prediction("a", 0.1, 0.2)], null));
            await log.FlushAsync();
        }

        var storage = services.GetRequiredService<MlOpsStorage>();
        var blocks = new Dictionary<string, int>();
        await foreach (BlobItem blob in storage.Container(storage.Layout.Predictions).GetBlobsAsync(BlobTraits.None, BlobStates.None, "m5/", CancellationToken.None))
        {
            blocks[blob.Name[(blob.Name.LastIndexOf('/') + 1)..]] = (await storage.Container(storage.Layout.Predictions).GetAppendBlobClient(blob.Name).GetPropertiesAsync()).Value.BlobCommittedBlockCount;
        }

        Assert.Equal([2, 2, 1], blocks.OrderBy(b => b.Key.Length).ThenBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Value));
        Assert.Contains(blocks.Keys, k => k.EndsWith("-3.jsonl.gz", StringComparison.Ordinal));
        var rows = await new PredictionLogReader(storage).ReadAsync("m5", at, at.AddHours(1)).ToListAsync();
        Assert.Equal(["p0", "p1", "p2", "p3", "p4"], rows.Select(r => r.RequestId).Order());
    }

    [Fact]
    public async Task FlushAsync_RequestLargerThanABlock_SplitAtLineBoundariesIntoSeveralBlocks()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
        });
        var log = services.GetRequiredService<PredictionLog>();
        const int Rows = 9_000; // about 4 MB of log lines: over the 3 MiB a block takes before compression
        DateTimeOffset at = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        log.Record(WideEntry("big", "m6", at, Rows));

        await log.FlushAsync();

        var storage = services.GetRequiredService<MlOpsStorage>();
        string name = PredictionLogPaths.HourPrefix("m6", at);
        BlobItem blob = Assert.Single(await storage.Container(storage.Layout.Predictions).GetBlobsAsync(BlobTraits.None, BlobStates.None, name, CancellationToken.None).ToListAsync());
        Assert.Equal(2, (await storage.Container(storage.Layout.Predictions).GetAppendBlobClient(blob.Name).GetPropertiesAsync()).Value.BlobCommittedBlockCount);
        var rows = await new PredictionLogReader(storage).ReadAsync("m6", at, at.AddHours(1)).ToListAsync();
        Assert.Equal(Enumerable.Range(0, Rows), rows.Select(r => r.Row).Order());
    }

    [Fact]
    public async Task Record_BlockFills_AppendedWithoutWaitingForTheFlushInterval()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
        });
        var log = services.GetRequiredService<PredictionLog>();
        await log.StartAsync(CancellationToken.None);
        DateTimeOffset at = new(2026, 11, 27, 13, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 100; i++) // about 5 MB of lines: one full block and the start of the next
        {
            log.Record(WideEntry($"q{i}", "m7", at, 100));
        }

        var storage = services.GetRequiredService<MlOpsStorage>();
        var blob = storage.Container(storage.Layout.Predictions).GetAppendBlobClient(OwnBlob("m7", at));
        await Eventually.UntilAsync(async () => await blob.ExistsAsync() && (await blob.GetPropertiesAsync()).Value.BlobCommittedBlockCount == 1, "the full block appended", TimeSpan.FromSeconds(20));
        await log.StopAsync(CancellationToken.None);
        Assert.Equal(2, (await blob.GetPropertiesAsync()).Value.BlobCommittedBlockCount); // the rest, on stop
    }

    [Fact]
    public async Task Record_OneModelFillsBlocksNonStop_AnotherModelsLinesStillAppendedEveryInterval()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:00:00.300",
        });
        var log = services.GetRequiredService<PredictionLog>();
        await log.StartAsync(CancellationToken.None);
        DateTimeOffset at = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);
        PredictionLogEntry busyEntry = WideEntry("busy", "m8", at, 100);
        using var stop = new CancellationTokenSource();
        Task busy = Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                log.Record(busyEntry with { RequestId = $"busy{i}" });
                await Task.Delay(2);
            }
        });
        log.Record(new PredictionLogEntry("quiet", "m9", 1, "production", at, 1, Encoding.UTF8.GetBytes("""[{"x":1}]"""), [new Prediction("a", 0.1, 0.2)], null));

        var storage = services.GetRequiredService<MlOpsStorage>();
        try
        {
            await Eventually.UntilAsync(
                async () => await new PredictionLogReader(storage).ReadAsync("m9", at, at.AddHours(1)).AnyAsync(r => r.RequestId == "quiet"),
                "the quiet model's line appended on the tick", TimeSpan.FromSeconds(10));
            await Eventually.UntilAsync(
                async () => await storage.Container(storage.Layout.Predictions).GetAppendBlobClient(OwnBlob("m8", at)).ExistsAsync(),
                "the busy model's full blocks appended", TimeSpan.FromSeconds(10));
        }
        finally
        {
            await stop.CancelAsync();
            await busy;
            await log.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task FlushAsync_BlobLeftByAnEarlierProcessOfTheSameName_ContinuesAfterItsBlocks()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
            ["Serving:PredictionLogBlocksPerBlob"] = "3",
        });
        var storage = services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        DateTimeOffset at = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);
        AppendBlobClient earlier = storage.Container(storage.Layout.Predictions).GetAppendBlobClient(OwnBlob("m10", at));
        await earlier.CreateIfNotExistsAsync();
        await AppendLinesAsync(earlier, SmallEntry("earlier-1", "m10", at));
        await AppendLinesAsync(earlier, SmallEntry("earlier-2", "m10", at));
        var log = services.GetRequiredService<PredictionLog>();

        for (int flush = 0; flush < 2; flush++)
        {
            log.Record(SmallEntry($"now-{flush}", "m10", at));
            await log.FlushAsync();
        }

        Assert.Equal(3, (await earlier.GetPropertiesAsync()).Value.BlobCommittedBlockCount); // the limit counts the earlier blocks
        var rows = await new PredictionLogReader(storage).ReadAsync("m10", at, at.AddHours(1)).ToListAsync();
        Assert.Equal(["earlier-1", "earlier-2", "now-0", "now-1"], rows.Select(r => r.RequestId).Order());
    }

    [Fact]
    public async Task FlushAsync_BlobGrewUnderneath_AppendRefusedThenRetriedAtItsEndWithNothingLostOrDoubled()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
        });
        var storage = services.GetRequiredService<MlOpsStorage>();
        var log = services.GetRequiredService<PredictionLog>();
        DateTimeOffset at = new(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);
        log.Record(SmallEntry("first", "m11", at));
        await log.FlushAsync();
        AppendBlobClient blob = storage.Container(storage.Layout.Predictions).GetAppendBlobClient(OwnBlob("m11", at));
        await AppendLinesAsync(blob, SmallEntry("foreign", "m11", at));

        log.Record(SmallEntry("second", "m11", at));
        var refused = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => log.FlushAsync());
        Assert.Equal("AppendPositionConditionNotMet", refused.ErrorCode);
        await log.FlushAsync(); // the retry the flush timer would make

        var rows = await new PredictionLogReader(storage).ReadAsync("m11", at, at.AddHours(1)).ToListAsync();
        Assert.Equal(["first", "foreign", "second"], rows.Select(r => r.RequestId).Order());
    }

    [Fact]
    public async Task StopAsync_BlobGrewUnderneathBeforeTheLastFlush_AppendedAtItsEndWithoutThrowingNothingLostOrDoubled()
    {
        // Two hosts of one process on the same storage (as tests run them) share the instance name, so each appends to
        // the other's blob: at stop, the position this log last knew is stale.
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
        });
        var storage = services.GetRequiredService<MlOpsStorage>();
        var log = services.GetRequiredService<PredictionLog>();
        await log.StartAsync(CancellationToken.None);
        DateTimeOffset at = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);
        log.Record(SmallEntry("first", "m14", at));
        await log.FlushAsync();
        AppendBlobClient blob = storage.Container(storage.Layout.Predictions).GetAppendBlobClient(OwnBlob("m14", at));
        await AppendLinesAsync(blob, SmallEntry("foreign", "m14", at));
        log.Record(SmallEntry("last", "m14", at));

        await log.StopAsync(CancellationToken.None);

        var rows = await new PredictionLogReader(storage).ReadAsync("m14", at, at.AddHours(1)).ToListAsync();
        Assert.Equal(["first", "foreign", "last"], rows.Select(r => r.RequestId).Order());
        Assert.Equal(0, log.BufferedBytes);
    }

    [Fact]
    public async Task StopAsync_BlobDeletedBeforeTheLastFlush_RecreatedWithTheLinesStillHeldWithoutThrowing()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
        });
        var storage = services.GetRequiredService<MlOpsStorage>();
        var log = services.GetRequiredService<PredictionLog>();
        await log.StartAsync(CancellationToken.None);
        DateTimeOffset at = new(2026, 11, 27, 19, 0, 0, TimeSpan.Zero);
        log.Record(SmallEntry("deleted-with-the-blob", "m15", at));
        await log.FlushAsync();
        AppendBlobClient blob = storage.Container(storage.Layout.Predictions).GetAppendBlobClient(OwnBlob("m15", at));
        await blob.DeleteAsync();
        log.Record(SmallEntry("last", "m15", at));

        await log.StopAsync(CancellationToken.None);

        var rows = await new PredictionLogReader(storage).ReadAsync("m15", at, at.AddHours(1)).ToListAsync();
        Assert.Equal(["last"], rows.Select(r => r.RequestId));
        Assert.Equal(1, (await blob.GetPropertiesAsync()).Value.BlobCommittedBlockCount);
    }

    [Fact]
    public async Task FlushAsync_AppendAnswerLostAndAnotherWriterAppendedAfter_CountedOnceNotWrittenTwice()
    {
        // The block landed but its answer was lost, and the other writer of the blob appended right after it: the blob
        // is longer than "where it was appended plus its size", and only its bytes there say it landed.
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
        });
        var lose = new LoseFirstAppendResponse();
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(lose, HttpPipelinePosition.PerRetry);
        var storage = new MlOpsStorage(services.GetRequiredService<IOptions<StorageOptions>>().Value, blobOptions, meter: null);
        await storage.EnsureCreatedAsync();
        using var log = new PredictionLog(
            storage, services.GetRequiredService<ModelCache>(), services.GetRequiredService<IOptions<ServingOptions>>(), services.GetRequiredService<MlOps.Core.Alerts.MlOpsMetrics>(), NullLogger<PredictionLog>.Instance);
        DateTimeOffset at = new(2026, 11, 27, 20, 0, 0, TimeSpan.Zero);
        log.Record(SmallEntry("once", "m16", at));
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => log.FlushAsync());
        AppendBlobClient blob = services.GetRequiredService<MlOpsStorage>().Container(storage.Layout.Predictions).GetAppendBlobClient(OwnBlob("m16", at));
        await AppendLinesAsync(blob, SmallEntry("foreign", "m16", at));

        await log.FlushAsync();

        var rows = await new PredictionLogReader(storage).ReadAsync("m16", at, at.AddHours(1)).ToListAsync();
        Assert.Equal(["foreign", "once"], rows.Select(r => r.RequestId).Order());
    }

    [Fact]
    public async Task FlushAsync_AppendStoredButItsAnswerLost_CountedOnceNotWrittenTwice()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
        });
        var lose = new LoseFirstAppendResponse();
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(lose, HttpPipelinePosition.PerRetry); // inside the client's own retries, which resend the block
        var storage = new MlOpsStorage(services.GetRequiredService<IOptions<StorageOptions>>().Value, blobOptions, meter: null);
        await storage.EnsureCreatedAsync();
        using var log = new PredictionLog(
            storage, services.GetRequiredService<ModelCache>(), services.GetRequiredService<IOptions<ServingOptions>>(), services.GetRequiredService<MlOps.Core.Alerts.MlOpsMetrics>(), NullLogger<PredictionLog>.Instance);
        DateTimeOffset at = new(2026, 11, 27, 17, 0, 0, TimeSpan.Zero);
        log.Record(SmallEntry("once", "m12", at));

        // The client's retry resends the block at the old position and is refused; without the condition it would land twice.
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => log.FlushAsync());
        await log.FlushAsync(); // the next attempt finds the block already there
        log.Record(SmallEntry("after", "m12", at));
        await log.FlushAsync();

        Assert.Equal(1, lose.Lost);
        AppendBlobClient blob = storage.Container(storage.Layout.Predictions).GetAppendBlobClient(OwnBlob("m12", at));
        Assert.Equal(2, (await blob.GetPropertiesAsync()).Value.BlobCommittedBlockCount);
        var rows = await new PredictionLogReader(storage).ReadAsync("m12", at, at.AddHours(1)).ToListAsync();
        Assert.Equal(["after", "once"], rows.Select(r => r.RequestId).Order());
    }

    [Fact]
    public async Task Record_StorageDownUntilBufferFull_DropsAndCountsTheRestThenAppendsWhatItHeldOnce()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogFlushInterval"] = "00:10:00",
            ["Serving:PredictionLogBufferBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var outage = new StorageOutage();
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(outage, HttpPipelinePosition.PerCall);
        var storage = new MlOpsStorage(services.GetRequiredService<IOptions<StorageOptions>>().Value, blobOptions, meter: null);
        await storage.EnsureCreatedAsync();
        var metrics = services.GetRequiredService<MlOps.Core.Alerts.MlOpsMetrics>();
        long counted = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == metrics.PredictionLogDropped)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();
        using var log = new PredictionLog(
            storage, services.GetRequiredService<ModelCache>(), services.GetRequiredService<IOptions<ServingOptions>>(), metrics, NullLogger<PredictionLog>.Instance);
        DateTimeOffset at = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

        // Storage stops: a flush compresses the first 100 requests into a block it cannot append, and keeps it.
        outage.Down = true;
        for (int i = 0; i < 100; i++)
        {
            log.Record(NoisyEntry($"a{i}", "m13", at, i));
        }

        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => log.FlushAsync());
        long held = log.BufferedBytes;
        Assert.True(held > 100 * 3072, $"{held} bytes held for 100 poorly compressible requests");

        // More requests than the rest of the buffer holds: Record still returns at once, and counts what it drops.
        for (int i = 0; i < 300; i++)
        {
            log.Record(NoisyEntry($"b{i}", "m13", at, 1000 + i));
        }

        long dropped = log.DroppedEntries;
        Assert.InRange(dropped, 1, 299);
        Assert.Equal("mlops.predictions.log.dropped", metrics.PredictionLogDropped.Name);
        Assert.Equal(dropped, Interlocked.Read(ref counted));
        Assert.True(log.BufferedBytes <= 1024 * 1024, $"{log.BufferedBytes} bytes buffered, over the 1 MiB bound");

        // Storage is back: everything held is appended once, in order; nothing is left buffered.
        outage.Down = false;
        await log.FlushAsync();
        var rows = await new PredictionLogReader(storage).ReadAsync("m13", at, at.AddHours(1)).ToListAsync();
        Assert.Equal(400 - dropped, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.RequestId).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"a{i}"), rows.Select(r => r.RequestId).Where(id => id[0] == 'a').OrderBy(id => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0, log.BufferedBytes);
    }

    [Fact]
    public async Task Record_SampleRateZero_NothingWritten()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PredictionLogSampleRate"] = "0",
        });
        var log = services.GetRequiredService<PredictionLog>();
        log.Record(new PredictionLogEntry("r", "m2", 1, "production", DateTimeOffset.UtcNow, 1, Encoding.UTF8.GetBytes("""[{ "x": 1 }]"""), [new Prediction("a", 0, 0)], null));

        await log.FlushAsync();

        var storage = services.GetRequiredService<MlOpsStorage>();
        await foreach (BlobItem blob in storage.Container(storage.Layout.Predictions).GetBlobsAsync(BlobTraits.None, BlobStates.None, "m2/", CancellationToken.None))
        {
            Assert.Fail($"unexpected {blob.Name}");
        }
    }

    private static async Task<string> PredictionLogText(MlOpsStorage storage, string blobName)
    {
        Stream content = await storage.Container(storage.Layout.Predictions).GetBlobClient(blobName).OpenReadAsync();
        using var reader = new StreamReader(PredictionLogFormat.OpenLines(content, blobName));
        return await reader.ReadToEndAsync();
    }

    /// <summary>A request of <paramref name="rows"/> rows with a 400-character text each (about 500 bytes of log line per row).</summary>
    private static PredictionLogEntry WideEntry(string requestId, string model, DateTimeOffset at, int rows)
    {
        string row = "{\"text\":\"" + new string('x', 400) + "\",\"x\":1}";
        byte[] body = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat(row, rows)) + "]");
        return new PredictionLogEntry(requestId, model, 1, "production", at, 1, body, [.. Enumerable.Repeat(new Prediction("a", 0.1, 0.2), rows)], null);
    }

    /// <summary>A one-row request carrying 6 KB of text that compresses poorly (seeded random bytes in base64).</summary>
    private static PredictionLogEntry NoisyEntry(string requestId, string model, DateTimeOffset at, int seed)
    {
        var random = new Random(seed);
        byte[] noise = new byte[4608];
        random.NextBytes(noise);
        byte[] body = Encoding.UTF8.GetBytes($$"""[{"blob":"{{Convert.ToBase64String(noise)}}"}]""");
        return new PredictionLogEntry(requestId, model, 1, "production", at, 1, body, [new Prediction("a", 0.1, 0.2)], null);
    }

    /// <summary>The hour's log blob this test process writes.</summary>
    private static string OwnBlob(string model, DateTimeOffset at) => PredictionLogPaths.For(model, at, PredictionLogPaths.ThisInstance);

    private static PredictionLogEntry SmallEntry(string requestId, string model, DateTimeOffset at) =>
        new(requestId, model, 1, "production", at, 1, Encoding.UTF8.GetBytes("""[{"x":1}]"""), [new Prediction("a", 0.1, 0.2)], null);

    /// <summary>Appends an entry's log line as another writer would: one gzip member.</summary>
    private static async Task AppendLinesAsync(AppendBlobClient blob, PredictionLogEntry entry)
    {
        string line = $$$"""{"requestId":"{{{entry.RequestId}}}","row":0,"at":"{{{entry.At:O}}}","model":"{{{entry.Model}}}","version":1,"alias":"production","latencyMs":1,"inputs":{"x":1},"prediction":{"label":"a","score":0.1,"probability":0.2}}""";
        var member = new MemoryStream();
        PredictionLogFormat.Compress(Encoding.UTF8.GetBytes(line + "\n"), member);
        member.Position = 0;
        await blob.AppendBlockAsync(member);
    }
}
