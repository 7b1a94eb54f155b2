using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Monitoring.Decay;
using MlOps.Core.Storage;
using MlOps.Testing;

namespace MlOps.Core.Tests.Monitoring.Decay;

public sealed class FeedbackReaderTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public FeedbackReaderTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task ReadAsync_CsvWithRowColumn_ReadsEveryLabel()
    {
        FeedbackLabels labels = await ReadAsync("labels.csv", "requestId,row,label\nr1,0,yes\nr1,1,no\n\"r,2\",0,\"maybe, not\"\n");

        Assert.Equal(3, labels.Count);
        Assert.True(labels.TryGet("r1", 1, out string? label));
        Assert.Equal("no", label);
        Assert.True(labels.TryGet("r,2", 0, out label));
        Assert.Equal("maybe, not", label);
        Assert.Equal(0, labels.Malformed);
    }

    [Fact]
    public async Task ReadAsync_CsvWithoutRowColumn_DefaultsRowToZero()
    {
        FeedbackLabels labels = await ReadAsync("labels.csv", "label,RequestId\nyes,r1\n no , r2\n");

        Assert.True(labels.TryGet("r2", 0, out string? label));
        Assert.Equal("no", label);
        Assert.Equal(2, labels.Count);
    }

    [Fact]
    public async Task ReadAsync_JsonLines_ReadsStringAndNumberLabels()
    {
        FeedbackLabels labels = await ReadAsync("labels.jsonl", """
            {"requestId":"r1","row":0,"label":"yes"}
            {"requestId":"r1","row":2,"label":3.5}
            {"requestId":"r3","label":"no"}

            """);

        Assert.Equal(3, labels.Count);
        Assert.True(labels.TryGet("r1", 2, out string? label));
        Assert.Equal("3.5", label);
        Assert.True(labels.TryGet("r3", 0, out label));
        Assert.Equal("no", label);
    }

    [Fact]
    public async Task ReadAsync_UnknownExtension_DetectsTheFormatFromTheContent()
    {
        FeedbackLabels json = await ReadAsync("upload-7", """{"requestId":"r1","label":"yes"}""");
        FeedbackLabels csv = await ReadAsync("upload-8", "requestId,label\nr1,yes\n");

        Assert.True(json.TryGet("r1", 0, out _));
        Assert.True(csv.TryGet("r1", 0, out _));
    }

    [Fact]
    public async Task ReadAsync_MalformedRecords_AreCountedAndSkipped()
    {
        FeedbackLabels json = await ReadAsync("labels.jsonl", """
            {"requestId":"r1","label":"yes"}
            {"requestId":"r2"}
            {"row":1,"label":"no"}
            {"requestId":"r4","row":"x","label":"no"}
            not json
            [1,2]
            """);
        FeedbackLabels csv = await ReadAsync("labels.csv", "requestId,row,label\nr1,0,yes\nr2,0,\n,0,no\nr4,1.5,no\nr5,0,yes,extra\nr6,0,no\n");

        Assert.Equal((1, 5, 6L), (json.Count, json.Malformed, json.Records));
        Assert.Equal((2, 4), (csv.Count, csv.Malformed));
        Assert.True(csv.TryGet("r6", 0, out _));
        Assert.Contains(json.Problems, p => p.Contains("line 2: no label", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_CsvWithoutTheNeededColumns_ReportsTheHeader()
    {
        FeedbackLabels labels = await ReadAsync("labels.csv", "id,target\nr1,yes\n");

        Assert.Equal(0, labels.Count);
        Assert.Contains("requestId and label", Assert.Single(labels.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BlobsOfTheModel_ReadsBothFormatsAndLaterUploadsWin()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        MlOpsStorage storage = services.GetRequiredService<MlOpsStorage>();
        BlobContainerClient container = storage.Container(storage.Layout.Feedback);
        await container.UploadBlobAsync("m/2026/batch1.csv", BinaryData.FromString("requestId,row,label\nr1,0,yes\nr2,0,no\n"));
        await container.UploadBlobAsync("m/2026/batch2.jsonl", BinaryData.FromString("""{"requestId":"r2","row":0,"label":"yes"}""" + "\n" + """{"requestId":"r3","row":1,"label":"no"}"""));
        await container.UploadBlobAsync("other/batch.csv", BinaryData.FromString("requestId,label\nr9,yes\n"));

        FeedbackLabels labels = await new FeedbackReader(storage).ReadAsync("m");

        Assert.Equal(3, labels.Count);
        Assert.Equal(2, labels.Blobs);
        Assert.True(labels.TryGet("r2", 0, out string? corrected));
        Assert.Equal("yes", corrected);
        Assert.Equal(1, labels.Conflicts);
        Assert.False(labels.TryGet("r9", 0, out _));

        FeedbackLabels none = await new FeedbackReader(storage).ReadAsync("m", modifiedSince: DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(0, none.Count);
    }

    private static async Task<FeedbackLabels> ReadAsync(string name, string content)
    {
        var labels = new FeedbackLabels();
        await FeedbackReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), name, labels);
        return labels;
    }
}
