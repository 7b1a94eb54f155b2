using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Data;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Data.Validation;
using MlOps.Core.Runs;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Testing;

namespace MlOps.Core.Tests.Data;

/// <summary>Ingest end to end on Azurite: contract checks, profiles, splits, and a finding for every kind of bad data.</summary>
public sealed class DatasetIngestorTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public DatasetIngestorTests(AzuriteFixture azurite) => _azurite = azurite;

    private async Task<Ingest> EnvironmentAsync(string spec, IDictionary<string, string?>? settings = null)
    {
        ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, settings);
        var storage = services.GetRequiredService<MlOpsStorage>();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient("ds/pipeline.json").UploadAsync(BinaryData.FromString(spec));
        return new Ingest(services, datasets);
    }

    public static TheoryData<string, string, string, int, int> SharedDatasets => new()
    {
        { "breast_cancer.csv", """{ "task": "binary", "label": "diagnosis", "positiveClass": "malignant" }""", "mean_radius", 569, 2 },
        { "iris.csv", """{ "task": "multiclass", "label": "species" }""", "sepal_length", 150, 3 },
        { "wine.csv", """{ "task": "multiclass", "label": "cultivar" }""", "alcohol", 178, 3 },
        { "digits.csv", """{ "task": "multiclass", "label": "digit" }""", "px2_3", 1797, 10 },
        { "diabetes.csv", """{ "task": "regression", "label": "progression" }""", "bmi", 442, 0 },
    };

    [Theory]
    [MemberData(nameof(SharedDatasets))]
    public async Task IngestAsync_SharedDataset_ProfilesLikePandasAndSplitsStratified(string file, string spec, string column, int rows, int classes)
    {
        Ingest ingest = await EnvironmentAsync(spec);
        await ingest.Datasets.GetBlobClient($"ds/{file}").UploadAsync(TestData.PathOf(file));

        IngestOutcome outcome = await ingest.RunAsync($"ds/{file}");

        Assert.True(outcome.Accepted, outcome.Reason);
        Assert.Equal(rows, outcome.Rows);
        var prepared = ingest.Services.GetRequiredService<PreparedDatasetStore>();
        FeatureLayout layout = await prepared.GetLayoutAsync(outcome.PreparedPrefix!);
        Assert.Equal(classes, layout.Classes.Count);
        DatasetProfile profile = await prepared.GetProfileAsync(outcome.PreparedPrefix!);
        JsonElement expected = PandasProfile(file).GetProperty("columns").GetProperty(column).GetProperty("numeric");
        NumericProfile actual = profile.Column(column).Numeric!;
        Assert.Equal(expected.GetProperty("count").GetInt64(), actual.Count);
        AssertRelative(expected.GetProperty("mean").GetDouble(), actual.Mean);
        AssertRelative(expected.GetProperty("std").GetDouble(), actual.Std!.Value);
        AssertRelative(expected.GetProperty("quantiles").GetProperty("0.25").GetDouble(), actual.Quantile(0.25));

        long[] splitRows = await Task.WhenAll(new[] { PreparedDatasetStore.TrainFile, PreparedDatasetStore.ValidationFile, PreparedDatasetStore.TestFile }
            .Select(async f => File.ReadLines(await prepared.GetLocalSplitAsync(outcome.PreparedPrefix!, f)).LongCount() - 1));
        Assert.Equal(rows, splitRows.Sum());
        Assert.InRange(splitRows[2], (long)(rows * 0.18), (long)(rows * 0.22));
        ValidationReport report = await ingest.ReportAsync(outcome);
        Assert.True(report.Passed);

        // The report a user reads (GET /api/runs/{id}/validation) has the split sizes and every column's profile, without the drift samples.
        Assert.Equal(new SplitSizes(splitRows[0], splitRows[1], splitRows[2]), report.Splits);
        Assert.Equal(profile.Columns.Select(c => c.Name), report.Profile!.Columns.Select(c => c.Name));
        Assert.Equal(actual.Quantile(0.25), report.Profile.Column(column).Numeric!.Quantile(0.25));
        Assert.All(report.Profile.Columns, c => Assert.Empty(c.Numeric?.Sample ?? []));
        Assert.NotEmpty(actual.Sample);
    }

    [Fact]
    public async Task IngestAsync_SameDataTwice_ByteIdenticalSplits()
    {
        const string Spec = """{ "label": "diagnosis" }""";
        Ingest first = await EnvironmentAsync(Spec);
        Ingest second = await EnvironmentAsync(Spec);
        await first.Datasets.GetBlobClient("ds/a.csv").UploadAsync(TestData.BreastCancerCsv);
        await second.Datasets.GetBlobClient("ds/b.csv").UploadAsync(TestData.BreastCancerCsv);

        IngestOutcome a = await first.RunAsync("ds/a.csv");
        IngestOutcome b = await second.RunAsync("ds/b.csv");

        foreach (string file in new[] { PreparedDatasetStore.TrainFile, PreparedDatasetStore.ValidationFile, PreparedDatasetStore.TestFile })
        {
            byte[] left = (await first.Services.GetRequiredService<PreparedDatasetStore>().Blob(a.PreparedPrefix!, file).DownloadContentAsync()).Value.Content.ToArray();
            byte[] right = (await second.Services.GetRequiredService<PreparedDatasetStore>().Blob(b.PreparedPrefix!, file).DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(left, right);
        }
    }

    [Fact]
    public async Task IngestAsync_WithProgress_ReportsTheDownloadThenTheRowsRead()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "diagnosis" }""");
        await ingest.Datasets.GetBlobClient("ds/a.csv").UploadAsync(TestData.BreastCancerCsv);
        var reports = new RecordedProgress();

        IngestOutcome outcome = await ingest.Services.GetRequiredService<DatasetIngestor>().IngestAsync("ds", "ds/a.csv", reports, CancellationToken.None);

        Assert.True(outcome.Accepted, outcome.Reason);
        long size = new FileInfo(TestData.BreastCancerCsv).Length;
        StepProgress[] seen = [.. reports.All];
        Assert.Equal("download", seen[0].Phase);
        StepProgress downloaded = seen.Last(p => p.Phase == "download");
        Assert.Equal((size, size), (downloaded.Bytes, downloaded.TotalBytes));
        StepProgress read = seen.Last(p => p.Phase == "parse");
        Assert.Equal((size, size, 569L), (read.Bytes, read.TotalBytes, read.Rows));
        Assert.True(Array.FindLastIndex(seen, p => p.Phase == "download") < Array.FindIndex(seen, p => p.Phase == "parse"), "the download is reported before the read");
    }

    public static TheoryData<string, string, string> MalformedFixtures => new()
    {
        // file (tests/data/data-fixtures or generated), expected finding code, text the message must contain
        { "ragged.csv", "format", "line 4" },
        { "unterminated_quote.csv", "format", "unterminated" },
        { "semicolon.csv", "format", "wrong delimiter" },
        { "image.csv", "format", "not a CSV text file" },
    };

    [Theory]
    [MemberData(nameof(MalformedFixtures))]
    public async Task IngestAsync_MalformedFile_RejectedWithFinding(string fixture, string code, string text)
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "score", "task": "regression" }""");
        await ingest.Datasets.GetBlobClient($"ds/{fixture}").UploadAsync(TestData.PathOf(Path.Combine("data-fixtures", fixture)));

        IngestOutcome outcome = await ingest.RunAsync($"ds/{fixture}");

        await AssertRejectedAsync(ingest, outcome, code, text);
    }

    [Fact]
    public async Task IngestAsync_AllMissingLabel_Rejected()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "y" }""");
        await Upload(ingest, "ds/x.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},NA\n")));
        await AssertRejectedAsync(ingest, await ingest.RunAsync("ds/x.csv"), "label-empty", "has no values");
    }

    [Fact]
    public async Task IngestAsync_SingleClassLabel_Rejected()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "y" }""");
        await Upload(ingest, "ds/x.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},benign\n")));
        await AssertRejectedAsync(ingest, await ingest.RunAsync("ds/x.csv"), "label-single-class", "single value ('benign')");
    }

    [Fact]
    public async Task IngestAsync_LeakedLabelCopy_RejectedNamingTheColumn()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "diagnosis" }""");
        string[] lines = File.ReadAllLines(TestData.BreastCancerCsv);
        string leaked = string.Join('\n', lines.Select((l, i) => i == 0 ? l + ",outcome_code" : l + "," + (l.EndsWith("malignant", StringComparison.Ordinal) ? "M" : "B"))) + "\n";
        await Upload(ingest, "ds/leak.csv", leaked);
        await AssertRejectedAsync(ingest, await ingest.RunAsync("ds/leak.csv"), "leakage", "'outcome_code'");
    }

    [Fact]
    public async Task IngestAsync_LeakedNumericCopyForRegression_Rejected()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "progression", "task": "regression" }""");
        string[] lines = File.ReadAllLines(TestData.PathOf("diabetes.csv"));
        string leaked = string.Join('\n', lines.Select((l, i) => i == 0 ? l + ",target_times_two" : l + "," + (2 * double.Parse(l.Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n";
        await Upload(ingest, "ds/leak.csv", leaked);
        await AssertRejectedAsync(ingest, await ingest.RunAsync("ds/leak.csv"), "leakage", "'target_times_two'");
    }

    [Fact]
    public async Task IngestAsync_TextInNumericColumnOverThreshold_Rejected()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "y", "columns": { "x": { "kind": "numeric" } } }""");
        string csv = "x,y\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{(i % 10 == 0 ? "n/a-ish" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))},{(i % 2 == 0 ? "a" : "b")}\n"));
        await Upload(ingest, "ds/x.csv", csv);
        await AssertRejectedAsync(ingest, await ingest.RunAsync("ds/x.csv"), "type-errors", "numeric column 'x' has 10 values that are not numbers");
    }

    [Fact]
    public async Task IngestAsync_SpecColumnMissing_Rejected()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "diagnosis", "columns": { "tumour_size": { "kind": "numeric" } } }""");
        await ingest.Datasets.GetBlobClient("ds/x.csv").UploadAsync(TestData.BreastCancerCsv);
        await AssertRejectedAsync(ingest, await ingest.RunAsync("ds/x.csv"), "spec-column-missing", "'tumour_size'");
    }

    [Fact]
    public async Task IngestAsync_TinyClass_Rejected()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "y", "task": "multiclass" }""");
        string csv = "x,y\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{i},{(i < 2 ? "rare" : i % 2 == 0 ? "a" : "b")}\n"));
        await Upload(ingest, "ds/x.csv", csv);
        await AssertRejectedAsync(ingest, await ingest.RunAsync("ds/x.csv"), "class-too-small", "'rare' has 2 rows");
    }

    [Fact]
    public async Task IngestAsync_EmptyFile_Rejected()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "y" }""");
        await Upload(ingest, "ds/empty.csv", string.Empty);
        IngestOutcome outcome = await ingest.RunAsync("ds/empty.csv");
        Assert.False(outcome.Accepted);
        Assert.Contains("is empty (0 bytes)", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_OverSizeLimit_RejectedBeforeParsing()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "diagnosis" }""", new Dictionary<string, string?> { ["Ingest:MaxFileBytes"] = "1000" });
        await ingest.Datasets.GetBlobClient("ds/big.csv").UploadAsync(TestData.BreastCancerCsv);
        IngestOutcome outcome = await ingest.RunAsync("ds/big.csv");
        Assert.False(outcome.Accepted);
        Assert.Contains("over the limit of 1000", outcome.Reason, StringComparison.Ordinal);
        Assert.Null(outcome.ValidationReport); // never parsed
    }

    [Fact]
    public async Task IngestAsync_NotCsvOrParquet_Rejected()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "y" }""");
        await Upload(ingest, "ds/notes.txt", "hello");
        IngestOutcome outcome = await ingest.RunAsync("ds/notes.txt");
        Assert.False(outcome.Accepted);
        Assert.Contains("is not a CSV or Parquet file", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_NoSpec_RejectedWithHowToFix()
    {
        ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var storage = services.GetRequiredService<MlOpsStorage>();
        await storage.Container(storage.Layout.Datasets).GetBlobClient("ds/data.csv").UploadAsync(TestData.BreastCancerCsv);
        IngestOutcome outcome = await services.GetRequiredService<DatasetIngestor>().IngestAsync("ds", "ds/data.csv");
        Assert.False(outcome.Accepted);
        Assert.Contains("has no pipeline spec", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_RealWorldMess_AcceptedWithWarnings()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "grade", "task": "multiclass", "ignore": ["id"], "validation": { "minRows": 3, "minRowsPerClass": 1 } }""");
        await ingest.Datasets.GetBlobClient("ds/messy.csv").UploadAsync(TestData.PathOf(Path.Combine("data-fixtures", "messy.csv")));

        IngestOutcome outcome = await ingest.RunAsync("ds/messy.csv");

        Assert.True(outcome.Accepted, outcome.Reason);
        FeatureLayout layout = await ingest.Services.GetRequiredService<PreparedDatasetStore>().GetLayoutAsync(outcome.PreparedPrefix!);
        Assert.Contains("temperature", layout.NumericFeatures);
        Assert.Contains("city", layout.CategoricalFeatures);
        Assert.DoesNotContain("id", layout.AllFeatures);
    }

    [Fact]
    public async Task IngestAsync_DuplicateRows_WarnedAndRecordedInReport()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "diagnosis" }""");
        string[] lines = File.ReadAllLines(TestData.BreastCancerCsv);
        await Upload(ingest, "ds/dup.csv", string.Join('\n', lines.Concat(lines.Skip(1).Take(30))) + "\n");

        IngestOutcome outcome = await ingest.RunAsync("ds/dup.csv");

        Assert.True(outcome.Accepted, outcome.Reason);
        ValidationReport report = await ingest.ReportAsync(outcome);
        ValidationFinding duplicates = Assert.Single(report.Findings, f => f.Code == "duplicate-rows");
        Assert.Equal(ValidationSeverity.Warning, duplicates.Severity);
        Assert.StartsWith("30 rows", duplicates.Message, StringComparison.Ordinal);
        Assert.Contains(outcome.Warnings, w => w.StartsWith("30 rows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestAsync_Parquet_IngestsLikeTheCsv()
    {
        Ingest ingest = await EnvironmentAsync("""{ "label": "species", "task": "multiclass" }""");
        string parquet = Path.Combine(Path.GetTempPath(), $"iris-{Guid.NewGuid():N}.parquet");
        await ParquetFixture.WriteIrisAsync(TestData.PathOf("iris.csv"), parquet);
        await ingest.Datasets.GetBlobClient("ds/iris.parquet").UploadAsync(parquet);

        IngestOutcome outcome = await ingest.RunAsync("ds/iris.parquet");

        Assert.True(outcome.Accepted, outcome.Reason);
        Assert.Equal(150, outcome.Rows);
        FeatureLayout layout = await ingest.Services.GetRequiredService<PreparedDatasetStore>().GetLayoutAsync(outcome.PreparedPrefix!);
        Assert.Equal(4, layout.NumericFeatures.Count);
        Assert.Equal(["setosa", "versicolor", "virginica"], layout.Classes);
    }

    private static async Task AssertRejectedAsync(Ingest ingest, IngestOutcome outcome, string code, string text)
    {
        Assert.False(outcome.Accepted);
        Assert.StartsWith("Rejected: data validation", outcome.Reason, StringComparison.Ordinal);
        ValidationReport report = await ingest.ReportAsync(outcome);
        ValidationFinding finding = Assert.Single(report.Findings, f => f.Code == code && f.Severity == ValidationSeverity.Error);
        Assert.Contains(text, finding.Message, StringComparison.Ordinal);
    }

    private static Task Upload(Ingest ingest, string blob, string content) => ingest.Datasets.GetBlobClient(blob).UploadAsync(BinaryData.FromString(content));

    private static JsonElement PandasProfile(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestData.PathOf(Path.Combine("data-fixtures", "pandas_profiles.json"))));
        return document.RootElement.GetProperty("datasets").GetProperty(file).Clone();
    }

    private static void AssertRelative(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    private sealed record Ingest(ServiceProvider Services, BlobContainerClient Datasets)
    {
        public Task<IngestOutcome> RunAsync(string blob) => Services.GetRequiredService<DatasetIngestor>().IngestAsync("ds", blob);

        public async Task<ValidationReport> ReportAsync(IngestOutcome outcome)
        {
            var storage = Services.GetRequiredService<MlOpsStorage>();
            var content = await storage.Container(storage.Layout.Reports).GetBlobClient(outcome.ValidationReport!).DownloadContentAsync();
            return JsonDefaults.Deserialize<ValidationReport>(content.Value.Content.ToString());
        }
    }
}
