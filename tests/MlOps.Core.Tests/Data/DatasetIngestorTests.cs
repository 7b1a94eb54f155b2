using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Data;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Testing;

namespace MlOps.Core.Tests.Data;

public sealed class DatasetIngestorTests : IClassFixture<AzuriteFixture>
{
    private const string Spec = """{ "task": "binary", "label": "diagnosis", "positiveClass": "malignant" }""";
    private readonly AzuriteFixture _azurite;

    public DatasetIngestorTests(AzuriteFixture azurite) => _azurite = azurite;

    private async Task<(ServiceProvider Services, BlobContainerClient Datasets)> EnvironmentAsync(IDictionary<string, string?>? settings = null)
    {
        ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, settings);
        var storage = services.GetRequiredService<MlOpsStorage>();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient("bc/pipeline.json").UploadAsync(BinaryData.FromString(Spec));
        return (services, datasets);
    }

    [Fact]
    public async Task IngestAsync_BreastCancer_WritesStratifiedSplitsAndLayout()
    {
        (ServiceProvider services, BlobContainerClient datasets) = await EnvironmentAsync();
        await datasets.GetBlobClient("bc/data.csv").UploadAsync(TestData.BreastCancerCsv);

        IngestOutcome outcome = await services.GetRequiredService<DatasetIngestor>().IngestAsync("bc", "bc/data.csv");

        Assert.True(outcome.Accepted, outcome.Reason);
        Assert.Equal(569, outcome.Rows);
        Assert.Equal(64, outcome.DatasetVersion!.Length);
        var prepared = services.GetRequiredService<PreparedDatasetStore>();
        FeatureLayout layout = await prepared.GetLayoutAsync(outcome.PreparedPrefix!);
        Assert.Equal(30, layout.NumericFeatures.Count);
        Assert.Equal(["benign", "malignant"], layout.Classes);
        string test = await prepared.GetLocalSplitAsync(outcome.PreparedPrefix!, PreparedDatasetStore.TestFile);
        Assert.Equal(42 + 71, File.ReadLines(test).Count() - 1); // 20% of each class: 212 malignant, 357 benign
    }

    [Fact]
    public async Task IngestAsync_SameDataTwice_ByteIdenticalSplits()
    {
        (ServiceProvider first, BlobContainerClient firstDatasets) = await EnvironmentAsync();
        (ServiceProvider second, BlobContainerClient secondDatasets) = await EnvironmentAsync();
        await firstDatasets.GetBlobClient("bc/a.csv").UploadAsync(TestData.BreastCancerCsv);
        await secondDatasets.GetBlobClient("bc/b.csv").UploadAsync(TestData.BreastCancerCsv);

        IngestOutcome a = await first.GetRequiredService<DatasetIngestor>().IngestAsync("bc", "bc/a.csv");
        IngestOutcome b = await second.GetRequiredService<DatasetIngestor>().IngestAsync("bc", "bc/b.csv");

        foreach (string file in new[] { PreparedDatasetStore.TrainFile, PreparedDatasetStore.ValidationFile, PreparedDatasetStore.TestFile })
        {
            byte[] left = (await first.GetRequiredService<PreparedDatasetStore>().Blob(a.PreparedPrefix!, file).DownloadContentAsync()).Value.Content.ToArray();
            byte[] right = (await second.GetRequiredService<PreparedDatasetStore>().Blob(b.PreparedPrefix!, file).DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(left, right);
        }
    }

    [Theory]
    [InlineData("bc/nolabel.csv", "a,b\n1,2\n3,4\n", "label column 'diagnosis' is not in the header")]
    [InlineData("bc/empty.csv", "", "is empty (0 bytes)")]
    [InlineData("bc/notes.txt", "hello", "is not a CSV file")]
    public async Task IngestAsync_BadData_RejectsWithReason(string blob, string content, string reason)
    {
        (ServiceProvider services, BlobContainerClient datasets) = await EnvironmentAsync();
        await datasets.GetBlobClient(blob).UploadAsync(BinaryData.FromString(content));

        IngestOutcome outcome = await services.GetRequiredService<DatasetIngestor>().IngestAsync("bc", blob);

        Assert.False(outcome.Accepted);
        Assert.StartsWith("Rejected", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_SingleClassLabel_Rejected()
    {
        (ServiceProvider services, BlobContainerClient datasets) = await EnvironmentAsync();
        string csv = "x,diagnosis\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},benign\n"));
        await datasets.GetBlobClient("bc/one-class.csv").UploadAsync(BinaryData.FromString(csv));

        IngestOutcome outcome = await services.GetRequiredService<DatasetIngestor>().IngestAsync("bc", "bc/one-class.csv");

        Assert.False(outcome.Accepted);
        Assert.Contains("exactly 2 label values in 'diagnosis', found 1", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_BinaryFileNamedCsv_Rejected()
    {
        (ServiceProvider services, BlobContainerClient datasets) = await EnvironmentAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0xFF];
        await datasets.GetBlobClient("bc/image.csv").UploadAsync(BinaryData.FromBytes(png));

        IngestOutcome outcome = await services.GetRequiredService<DatasetIngestor>().IngestAsync("bc", "bc/image.csv");

        Assert.False(outcome.Accepted);
        Assert.Contains("datasets/bc/image.csv", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_OverSizeLimit_RejectedBeforeParsing()
    {
        (ServiceProvider services, BlobContainerClient datasets) = await EnvironmentAsync(new Dictionary<string, string?> { ["Ingest:MaxFileBytes"] = "1000" });
        await datasets.GetBlobClient("bc/big.csv").UploadAsync(TestData.BreastCancerCsv);

        IngestOutcome outcome = await services.GetRequiredService<DatasetIngestor>().IngestAsync("bc", "bc/big.csv");

        Assert.False(outcome.Accepted);
        Assert.Contains("over the limit of 1000", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_NoSpec_RejectedWithHowToFix()
    {
        ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var storage = services.GetRequiredService<MlOpsStorage>();
        await storage.Container(storage.Layout.Datasets).GetBlobClient("bc/data.csv").UploadAsync(TestData.BreastCancerCsv);

        IngestOutcome outcome = await services.GetRequiredService<DatasetIngestor>().IngestAsync("bc", "bc/data.csv");

        Assert.False(outcome.Accepted);
        Assert.Contains("has no pipeline spec", outcome.Reason, StringComparison.Ordinal);
    }
}
