using System.Text;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
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
            lines.AddRange((await storage.Container(storage.Layout.Predictions).GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content
                .ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(1000, lines.Count);
        Assert.Equal(2, blobs.Count); // 10:xx and 11:xx hour partitions
        Assert.Contains(blobs, b => b.StartsWith("m1/date=2026-11-27/hour=10/", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"requestId\":\"r499\"", StringComparison.Ordinal) && l.Contains("\"x\":499.5", StringComparison.Ordinal));
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
}
