using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Data.Csv;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;
using static MlOps.Host.Tests.Runtime.RuntimeUploads;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// CSV injection in batch scoring: a model whose positive class is "=malignant()" scores a file whose header and
/// cells carry the OWASP payloads; the scored file, which people open in spreadsheets, has no cell a spreadsheet
/// would run, every payload reads back behind a single quote, and numbers are untouched.
/// </summary>
public sealed class ScoredOutputTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public ScoredOutputTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task BatchScoring_OwaspPayloadsInHeaderCellsAndLabels_NeutralisedAndNumbersKept()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["MonitorSchedule"] = "off" });
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await UploadAsync(runtime, $"{Model}/pipeline.json", BinaryData.FromString($$"""{ "label": "diagnosis", "positiveClass": "=malignant()", {{QuickTraining}} }"""));
        await UploadAsync(runtime, $"{Model}/data.csv", BreastCancer(label: l => l == "malignant" ? "=malignant()" : l));
        RunRecord run = await WaitForRunAsync(runtime, Model, $"{Model}/data.csv");
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Reason}");

        string[] payloads = [.. OwaspCsvPayloads.All, .. OwaspCsvPayloads.Numbers, "plain"];
        string[] lines = File.ReadAllLines(TestData.BreastCancerCsv);
        string[] features = lines[0].Split(',')[..^1];
        var input = new StringBuilder(string.Join(',', features)).Append(",note,\"@SUM(A1)\"\n");
        for (int i = 0; i < 60; i++)
        {
            string payload = payloads[i % payloads.Length];
            input.Append(string.Join(',', lines[i + 1].Split(',')[..^1])).Append(',').Append(CsvFieldEscaper.Escape(payload)).Append(",-").Append(i).Append('\n');
        }

        await storage.Container(storage.Layout.Scoring).GetBlobClient($"{Model}/batch.csv").UploadAsync(BinaryData.FromString(input.ToString()));
        BlobClient scored = storage.Container(storage.Layout.Scored).GetBlobClient($"{Model}/batch.csv");
        await Eventually.UntilAsync(async () => (await scored.ExistsAsync()).Value, "the scored file", TimeSpan.FromSeconds(60));

        using var reader = new CsvRecordReader((await scored.DownloadContentAsync()).Value.Content.ToStream(), "scored.csv");
        List<string> header = [.. reader.Header];
        Assert.Contains("'@SUM(A1)", header);
        Assert.DoesNotContain(header, h => CsvFieldEscaper.StartsFormula(h));
        int note = header.IndexOf("note");
        int label = header.IndexOf("predicted_label");
        int sum = header.IndexOf("'@SUM(A1)");
        var labels = new HashSet<string>();
        int row = 0;
        while (reader.Read())
        {
            string[] cells = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)];
            Assert.DoesNotContain(cells, c => CsvFieldEscaper.StartsFormula(c));
            string payload = payloads[row % payloads.Length];
            Assert.Equal(CsvFieldEscaper.StartsFormula(payload) ? "'" + payload : payload, cells[note]);
            Assert.Equal("-" + row, cells[sum]); // numbers that start with '-' stay numbers
            labels.Add(cells[label]);
            row++;
        }

        Assert.Equal(60, row);
        Assert.Contains("'=malignant()", labels);
        Assert.DoesNotContain("=malignant()", labels);
    }
}
