using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// A spec's training choices (a decision threshold chosen on the validation rows, k-fold cross-validation) on a real
/// runtime, followed from the run to the registered version and into real-time and batch scoring. The data is a rare,
/// hard-to-predict class (the diabetes data's patients whose disease progressed most, 6% of the rows), where a
/// balanced-accuracy threshold lies far below 0.5, so a scorer that ignored it would answer differently.
/// </summary>
public sealed class TrainingChoicesTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Model = "progress";
    private const int Folds = 5;
    private readonly AzuriteFixture _azurite;
    private LocalRuntime _runtime = null!;
    private HttpClient _http = null!;
    private MlOpsStorage _storage = null!;
    private RunRecord _run = null!;
    private ModelVersionRecord _version = null!;
    private string[] _header = [];
    private List<string[]> _rows = [];

    public TrainingChoicesTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        _runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString);
        _http = new HttpClient { BaseAddress = new Uri(_runtime.ApiBaseUrl) };
        _storage = _runtime.Services.GetRequiredService<MlOpsStorage>();
        await _storage.EnsureCreatedAsync();
        string[] lines = await File.ReadAllLinesAsync(TestData.PathOf("diabetes.csv"));
        _header = lines[0].Split(',');
        _rows = [.. lines.Skip(1).Select(l => l.Split(',')).Select(r => r[..^1].Append(double.Parse(r[^1], CultureInfo.InvariantCulture) >= 280 ? "high" : "normal").ToArray())];

        BlobContainerClient datasets = _storage.Container(_storage.Layout.Datasets);
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString($$"""
            { "label": "progression", "positiveClass": "high",
              "training": { "threshold": "balanced", "folds": {{Folds}}, "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 50 } } ] } }
            """));
        await datasets.GetBlobClient($"{Model}/patients.csv").UploadAsync(BinaryData.FromString(Csv(_rows)));
        var runs = _runtime.Services.GetRequiredService<RunStore>();
        _run = await Eventually.ValueAsync(async () => (await runs.ListAsync(Model)).FirstOrDefault(r => r.Status.IsTerminal()), "the run to finish", TimeSpan.FromSeconds(120));
        Assert.True(_run.Status == RunStatus.Succeeded, $"{_run.Status}: {_run.Reason}");
        _version = (await _runtime.Services.GetRequiredService<ModelRegistry>().GetVersionAsync(Model, 1))!;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runtime.DisposeAsync();
    }

    [Fact]
    public void Version_ThresholdFoldsAndTestRows_StoredWithTheMetrics()
    {
        double threshold = _version.Threshold!.Value;
        Assert.InRange(threshold, 0.001, 0.3);
        Assert.Equal(threshold, _version.Metrics["threshold"]);

        // Cross-validated over train + validation: every such row scored once, the test rows held out.
        long testRows = (long)_version.Metrics["rows"];
        Assert.Equal(Folds, _version.CrossValidation!.Folds);
        Assert.Equal(_rows.Count - testRows, _version.CrossValidation.Rows);
        Assert.Contains("test split is held out", _version.CrossValidation.Covers, StringComparison.Ordinal);
        Assert.InRange(_version.CrossValidation.Metrics["auc"].Mean, 0.6, 1);
        Assert.True(_version.CrossValidation.Metrics["auc"].StandardDeviation > 0);

        // The confusion matrix is at the stored threshold, on the test rows, on the version and on the run.
        Assert.Equal(["normal", "high"], _version.ConfusionMatrix!.Classes);
        int[][] counts = _version.ConfusionMatrix.Counts;
        Assert.Equal(testRows, counts.Sum(r => r.Sum()));
        Assert.Equal(_version.Metrics["recall"], counts[1][1] / (double)(counts[1][0] + counts[1][1]), 12);
        Assert.Equal(counts, _run.ConfusionMatrix!.Counts);
    }

    [Fact]
    public async Task Predict_RealTime_AnswersAtTheStoredThreshold()
    {
        HttpResponseMessage response = await _http.PostAsJsonAsync($"/api/models/{Model}/predict", _rows.Select(Features).ToList());
        response.EnsureSuccessStatusCode();
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        (string Label, double Probability)[] answers = [.. body.RootElement.GetProperty("predictions").EnumerateArray()
            .Select(p => (p.GetProperty("label").GetString()!, p.GetProperty("probability").GetDouble()))];
        Assert.All(answers, a => Assert.Equal(a.Probability >= _version.Threshold ? "high" : "normal", a.Label));
        Assert.Contains(answers, a => a.Label == "high" && a.Probability < 0.5);
    }

    [Fact]
    public async Task BatchScoring_ScoredFile_LabelsAtTheStoredThreshold()
    {
        await _storage.Container(_storage.Layout.Scoring).GetBlobClient($"{Model}/all.csv").UploadAsync(BinaryData.FromString(Csv(_rows)));

        BlobClient scored = _storage.Container(_storage.Layout.Scored).GetBlobClient($"{Model}/all.csv");
        await Eventually.UntilAsync(async () => (await scored.ExistsAsync()).Value, "the scored file", TimeSpan.FromSeconds(60));
        string[] lines = (await scored.DownloadContentAsync()).Value.Content.ToString().TrimEnd('\n').Split('\n');
        string[] columns = lines[0].Split(',');
        int label = Array.IndexOf(columns, "predicted_label"), probability = Array.IndexOf(columns, "probability");
        (string Label, double Probability)[] answers = [.. lines.Skip(1).Select(l => l.Split(','))
            .Select(f => (f[label], double.Parse(f[probability], CultureInfo.InvariantCulture)))];
        Assert.Equal(_rows.Count, answers.Length);
        Assert.All(answers, a => Assert.Equal(a.Probability >= _version.Threshold ? "high" : "normal", a.Label));
        Assert.Contains(answers, a => a.Label == "high" && a.Probability < 0.5);
    }

    [Fact]
    public async Task Validation_Endpoint_ProfileOfEveryColumnAndSplitSizes()
    {
        using JsonDocument report = JsonDocument.Parse(await _http.GetStringAsync($"/api/runs/{_run.RunId}/validation"));

        JsonElement root = report.RootElement;
        JsonElement splits = root.GetProperty("splits");
        Assert.Equal(_rows.Count, splits.GetProperty("train").GetInt64() + splits.GetProperty("validation").GetInt64() + splits.GetProperty("test").GetInt64());
        JsonElement[] columns = [.. root.GetProperty("profile").GetProperty("columns").EnumerateArray()];
        Assert.Equal(_header, columns.Select(c => c.GetProperty("name").GetString()));
        JsonElement bmi = columns.Single(c => c.GetProperty("name").GetString() == "bmi");
        Assert.Equal("numeric", bmi.GetProperty("kind").GetString());
        Assert.Equal(_rows.Count, bmi.GetProperty("numeric").GetProperty("count").GetInt64());
        Assert.Equal(9, bmi.GetProperty("numeric").GetProperty("quantiles").GetArrayLength());
        Assert.True(root.GetProperty("findings").ValueKind == JsonValueKind.Array);
    }

    private string Csv(IEnumerable<string[]> rows) =>
        string.Join(',', _header) + "\n" + string.Join('\n', rows.Select(r => string.Join(',', r))) + "\n";

    private Dictionary<string, double> Features(string[] row) =>
        _header.Zip(row).Where(p => p.First != "progression").ToDictionary(p => p.First, p => double.Parse(p.Second, CultureInfo.InvariantCulture));
}
