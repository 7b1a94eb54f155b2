using System.Text;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Core.Tests.Data.Csv;
using MlOps.Testing;
using static MlOps.Core.Tests.Monitoring.MonitoringData;

namespace MlOps.Core.Tests.Monitoring.Log;

public sealed class PredictionLogReaderTests : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, object?> Inputs = new() { ["x"] = 1.0, ["color"] = "red" };

    private readonly AzuriteFixture _azurite;

    public PredictionLogReaderTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task ReadStreamAsync_MalformedLines_CountsThemAndKeepsTheRest()
    {
        string good = Line(Inputs, "a", 0, Start.AddMinutes(1), new Prediction("yes", 1, 0.7));
        string text = string.Join('\n',
            good,
            "not json at all",
            good[..(good.Length / 2)],
            """{"requestId":"b","row":0,"at":"2026-11-27T03:05:00Z","inputs":[1,2],"prediction":{"score":1}}""",
            """{"requestId":"c","row":0,"inputs":{},"prediction":{"score":1}}""",
            "   ",
            Line(Inputs, "d", 3, Start.AddMinutes(2), new Prediction("no", 0, 0.2)).Replace("}", "}\r", StringComparison.Ordinal)[..^1] + "\r",
            Line(Inputs, "e", 0, Start.AddHours(-1), new Prediction("no", 0, 0.2)),
            Line(Inputs, "f", 0, Start.AddMinutes(3), new Prediction("no", 0, 0.2)));
        var scan = new PredictionLogScan();

        List<LoggedPrediction> rows = await Read(text, scan);

        Assert.Equal(["a", "d", "f"], rows.Select(r => r.RequestId));
        Assert.Equal(3, rows[1].Row);
        Assert.Equal(0.7, rows[0].Prediction.Probability);
        Assert.Equal(1.0, rows[0].Inputs.GetProperty("x").GetDouble());
        Assert.Equal(4, scan.Malformed);
        Assert.Equal(1, scan.OutsideWindow);
        Assert.Equal(8, scan.Lines);
        Assert.Equal(3, scan.Rows);
        Assert.Contains(scan.Problems, p => p.Contains("line 4: inputs is not a JSON object", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadStreamAsync_LineLongerThanTheLimit_IsSkippedAsMalformed()
    {
        string huge = Line(new Dictionary<string, object?> { ["x"] = new string('z', 2 << 20) }, "big", 0, Start, new Prediction("no", 0, 0.1));
        string text = huge + "\n" + Line(Inputs, "small", 0, Start, new Prediction("no", 0, 0.1));
        var scan = new PredictionLogScan();

        List<LoggedPrediction> rows = await Read(text, scan);

        Assert.Equal("small", Assert.Single(rows).RequestId);
        Assert.Equal(1, scan.Malformed);
        Assert.Contains("line 1: line too long", scan.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadStreamAsync_FieldsTheLogGainsLater_AreIgnored()
    {
        string line = Line(Inputs, "a", 0, Start, new Prediction("b", 0.8, 0.8) { }).Replace(
            "\"prediction\":{", "\"extra\":{\"nested\":[1,2]},\"prediction\":{\"probabilities\":{\"a\":0.2,\"b\":0.8},\"classIndex\":1,", StringComparison.Ordinal);
        List<LoggedPrediction> rows = await Read(line, new PredictionLogScan());

        Assert.Equal(0.8, Assert.Single(rows).Prediction.Probabilities!["b"]);
    }

    [Fact]
    public async Task ReadAsync_WindowAcrossHourPartitions_ReadsOnlyTheWindowsRows()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        MlOpsStorage storage = services.GetRequiredService<MlOpsStorage>();
        var container = storage.Container(storage.Layout.Predictions);
        async Task AppendAsync(string blob, params string[] lines)
        {
            var client = container.GetAppendBlobClient(blob);
            await client.CreateIfNotExistsAsync();
            byte[] text = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
            var block = new MemoryStream();
            if (blob.EndsWith(".gz", StringComparison.Ordinal))
            {
                PredictionLogFormat.Compress(text, block);
            }
            else
            {
                block.Write(text);
            }

            block.Position = 0;
            await client.AppendBlockAsync(block);
        }

        DateTimeOffset from = Start.AddMinutes(30), to = Start.AddHours(2).AddMinutes(30);
        await AppendAsync(PredictionLogPaths.For("m", Start, "i1"), Line(Inputs, "early", 0, Start.AddMinutes(10), new Prediction("no", 0, 0.1)), Line(Inputs, "h0", 0, Start.AddMinutes(40), new Prediction("no", 0, 0.1)));
        await AppendAsync(PredictionLogPaths.For("m", Start.AddHours(1), "i1"), Line(Inputs, "h1a", 0, Start.AddMinutes(70), new Prediction("no", 0, 0.1)), "{broken");
        // Plain JSON lines (not gzip members) are read too.
        await AppendAsync(PredictionLogPaths.HourPrefix("m", Start.AddHours(1)) + "i2.jsonl", Line(Inputs, "h1b", 1, Start.AddMinutes(80), new Prediction("no", 0, 0.1)));
        await AppendAsync(PredictionLogPaths.For("m", Start.AddHours(2), "i1"), Line(Inputs, "h2", 0, Start.AddMinutes(140), new Prediction("no", 0, 0.1)), Line(Inputs, "late", 0, Start.AddMinutes(170), new Prediction("no", 0, 0.1)));
        await AppendAsync(PredictionLogPaths.For("m", Start.AddHours(3), "i1"), Line(Inputs, "next-hour", 0, Start.AddMinutes(190), new Prediction("no", 0, 0.1)));
        await AppendAsync(PredictionLogPaths.For("m2", Start.AddHours(1), "i1"), Line(Inputs, "other-model", 0, Start.AddMinutes(70), new Prediction("no", 0, 0.1)));

        var scan = new PredictionLogScan();
        var rows = await new PredictionLogReader(storage).ReadAsync("m", from, to, scan).ToListAsync();

        Assert.Equal(["h0", "h1a", "h1b", "h2"], rows.Select(r => r.RequestId).Order());
        Assert.Equal(4, scan.Blobs);
        Assert.Equal(1, scan.Malformed);
        Assert.Equal(2, scan.OutsideWindow);
    }

    [Fact]
    public async Task ReadAsync_WhatThePredictionLogWrote_ReadsBackEveryRow()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        PredictionLog log = services.GetRequiredService<PredictionLog>();
        DateTimeOffset at = DateTimeOffset.UtcNow;
        byte[] body = Encoding.UTF8.GetBytes("""{"rows":[{"x":1.5,"color":"red"},{"x":null,"color":"blue"}]}""");
        log.Record(new PredictionLogEntry("req-1", "m", 3, "production", at, 2.0, body, [new Prediction("yes", 1.2, 0.8), new Prediction("no", -1, 0.3)], null));
        await log.FlushAsync();

        var rows = await new PredictionLogReader(services.GetRequiredService<MlOpsStorage>()).ReadAsync("m", at.AddMinutes(-1), at.AddMinutes(1)).ToListAsync();

        Assert.Equal([0, 1], rows.Select(r => r.Row));
        Assert.All(rows, r => Assert.Equal(("req-1", 3, "production"), (r.RequestId, r.Version, r.Alias)));
        Assert.Equal(1.5, rows[0].Inputs.GetProperty("x").GetDouble());
        Assert.Equal(0.3, rows[1].Prediction.Probability);
        Assert.Equal("no", rows[1].Prediction.Label);
    }

    private static async Task<List<LoggedPrediction>> Read(string text, PredictionLogScan scan)
    {
        // Small inputs come a byte per read, so that every line straddles reads.
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        using Stream stream = bytes.Length < 100_000 ? new TrickleStream(new MemoryStream(bytes)) : new MemoryStream(bytes);
        return await PredictionLogReader.ReadStreamAsync(stream, "log.jsonl", Start, Start.AddDays(1), scan).ToListAsync();
    }
}
