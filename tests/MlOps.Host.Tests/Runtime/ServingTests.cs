using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Serving on a real runtime with two trained versions: schema errors, hot swaps under load, the staleness bound,
/// batch scoring, the prediction log and shadow scoring (refused artifacts: <see cref="ArtifactFallbackTests"/>).
/// </summary>
public sealed class ServingTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Model = "bc";
    private static readonly TimeSpan RefreshBound = TimeSpan.FromMilliseconds(300);
    private readonly AzuriteFixture _azurite;
    private LocalRuntime _runtime = null!;
    private HttpClient _http = null!;
    private ModelRegistry _registry = null!;
    private MlOpsStorage _storage = null!;
    private string[] _header = [];
    private List<string[]> _rows = [];

    public ServingTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        _runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:AliasRefreshInterval"] = RefreshBound.ToString(),
            ["Serving:PredictionLogFlushInterval"] = "00:00:00.200",
        });
        _http = new HttpClient { BaseAddress = new Uri(_runtime.ApiBaseUrl) };
        _http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, "test-key");
        _registry = _runtime.Services.GetRequiredService<ModelRegistry>();
        _storage = _runtime.Services.GetRequiredService<MlOpsStorage>();
        await _storage.EnsureCreatedAsync();
        string[] lines = await File.ReadAllLinesAsync(TestData.BreastCancerCsv);
        _header = lines[0].Split(',');
        _rows = [.. lines.Skip(1).Select(l => l.Split(','))];

        // Two versions: manual mode registers without promoting, so the tests move production themselves.
        BlobContainerClient datasets = _storage.Container(_storage.Layout.Datasets);
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "positiveClass": "malignant", "deployment": { "mode": "manual", "shadowAlias": "staging" },
              "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 40 } } ] } }
            """));
        var runs = _runtime.Services.GetRequiredService<RunStore>();
        for (int v = 1; v <= 2; v++)
        {
            await datasets.GetBlobClient($"{Model}/v{v}.csv").UploadAsync(BinaryData.FromString(string.Join('\n', lines.Take(lines.Length - (v * 7))) + "\n"));
            await WaitForRunAsync(runs, $"{Model}/v{v}.csv");
        }

        await _registry.PromoteAsync(Model, ModelRegistry.Production, 1, null, "test", "setup");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runtime.DisposeAsync();
    }

    [Theory]
    [InlineData("""[{ "nonsense": 1 }]""", "unknown column 'nonsense'")]
    [InlineData("""[{ "mean_radius": 1 }]""", "missing column")]
    [InlineData("""[{ "mean_radius": "big" }]""", "column 'mean_radius' must be a number")]
    [InlineData("""{ "rows": 5 }""", "Expected a JSON array")]
    [InlineData("""not json""", "not valid JSON")]
    public async Task Predict_BadInput_BadRequestNamingTheProblem(string body, string problem)
    {
        HttpResponseMessage response = await _http.PostAsync($"/api/models/{Model}/predict", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_TooManyRows_Rejected()
    {
        var rows = Enumerable.Repeat(Features(_rows[0]), 10_001).ToList();
        HttpResponseMessage response = await _http.PostAsJsonAsync($"/api/models/{Model}/predict", rows);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceed the limit of 10000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_VersionOrAlias_AnswersWithThatVersion()
    {
        Assert.Equal(2, (await PredictAsync("?version=2")).Version);
        Assert.Equal(1, (await PredictAsync(string.Empty)).Version);
        HttpResponseMessage noAlias = await _http.PostAsJsonAsync($"/api/models/{Model}/predict?alias=canary", new[] { Features(_rows[0]) });
        Assert.Equal(HttpStatusCode.NotFound, noAlias.StatusCode);
    }

    [Fact]
    public async Task Promote_UnderLoad_NoFailedRequestAndSwapWithinBound()
    {
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentBag<string>();
        var answers = new ConcurrentQueue<(DateTimeOffset At, int Version)>();
        Task[] load = [.. Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // Stamped when sent: on a loaded machine an answer can arrive long after the alias was read.
                    DateTimeOffset sent = DateTimeOffset.UtcNow;
                    (int version, _) = await PredictAsync(string.Empty);
                    answers.Enqueue((sent, version));
                }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
                {
                    failures.Add(ex.Message);
                }
            }
        }))];

        // The bound runs from the moment the alias moved, which the alias records (a promotion first checks the
        // version's artifact, so the call starts earlier).
        await Task.Delay(500);
        await _registry.PromoteAsync(Model, ModelRegistry.Production, 2, 1, "test", "swap under load");
        DateTimeOffset promotedAt = (await _registry.GetAliasAsync(Model, ModelRegistry.Production))!.UpdatedAt;
        await Task.Delay(RefreshBound * 3);
        await _registry.RollbackAsync(Model, ModelRegistry.Production, "test", "swap back");
        DateTimeOffset rolledBackAt = (await _registry.GetAliasAsync(Model, ModelRegistry.Production))!.UpdatedAt;
        await Task.Delay(RefreshBound * 3);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.True(answers.Count > 50, $"only {answers.Count} answers");
        // Every request sent after promotion + bound is answered by v2, every one after rollback + bound by v1.
        // The bound is the refresh interval plus the one alias read that refreshes it (others serve meanwhile); that read
        // is a few milliseconds, but with every test assembly sharing 2 cores it has taken over 150.
        var slack = TimeSpan.FromMilliseconds(400);
        Assert.All(answers.Where(a => a.At > promotedAt + RefreshBound + slack && a.At < rolledBackAt), a => Assert.Equal(2, a.Version));
        Assert.All(answers.Where(a => a.At > rolledBackAt + RefreshBound + slack), a => Assert.Equal(1, a.Version));
        Assert.Contains(answers, a => a.Version == 2);
    }

    [Fact]
    public async Task BatchScoring_UploadedCsv_ScoredByProductionWithVersionRecorded()
    {
        var scoring = _storage.Container(_storage.Layout.Scoring);
        string csv = string.Join(',', _header) + "\n" + string.Join('\n', _rows.Take(50).Select(r => string.Join(',', r))) + "\n";
        await scoring.GetBlobClient($"{Model}/batch.csv").UploadAsync(BinaryData.FromString(csv));
        await scoring.GetBlobClient($"{Model}/broken.csv").UploadAsync(BinaryData.FromString("mean_radius,diagnosis\n1,benign\n"));

        BlobClient scored = _storage.Container(_storage.Layout.Scored).GetBlobClient($"{Model}/batch.csv");
        await WaitForBlobAsync(scored);
        string[] lines = (await scored.DownloadContentAsync()).Value.Content.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(51, lines.Length);
        Assert.EndsWith("predicted_label,score,probability,model_version", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",1", l, StringComparison.Ordinal));
        double correct = lines.Skip(1).Count(l => l.Split(',')[_header.Length - 1] == l.Split(',')[_header.Length]);
        Assert.True(correct / 50 > 0.9, $"{correct}/50 correct");
        BlobProperties properties = await scored.GetPropertiesAsync();
        Assert.Equal("1", properties.Metadata["modelversion"]);

        BlobClient error = _storage.Container(_storage.Layout.Scored).GetBlobClient($"{Model}/broken.csv.error.txt");
        await WaitForBlobAsync(error);
        Assert.Contains("column 'mean_texture' is missing", (await error.DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PredictionLog_RequestsWithShadowAlias_LoggedWithInputsAndShadowAnswers()
    {
        await _registry.PromoteAsync(Model, "staging", 2, (await _registry.GetAliasAsync(Model, "staging"))?.Version, "test", "shadow");
        await Task.Delay(RefreshBound * 2); // the spec's shadow alias is re-read as often as aliases
        (_, string requestId) = await PredictAsync(string.Empty, rows: 3);

        await _runtime.Services.GetRequiredService<PredictionLog>().FlushAsync();

        var lines = new List<JsonElement>();
        await foreach (BlobItem blob in _storage.Container(_storage.Layout.Predictions).GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{Model}/", CancellationToken.None))
        {
            using var reader = new StreamReader(PredictionLogFormat.OpenLines(await _storage.Container(_storage.Layout.Predictions).GetBlobClient(blob.Name).OpenReadAsync(), blob.Name));
            string text = await reader.ReadToEndAsync();
            lines.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()));
            Assert.Matches(@"^bc/date=\d{4}-\d{2}-\d{2}/hour=\d{2}/.+\.jsonl\.gz$", blob.Name);
        }

        JsonElement[] mine = [.. lines.Where(l => l.GetProperty("requestId").GetString() == requestId)];
        Assert.Equal(3, mine.Length);
        Assert.Equal([0, 1, 2], mine.Select(l => l.GetProperty("row").GetInt32()).Order());
        Assert.All(mine, l => Assert.Equal(1, l.GetProperty("version").GetInt32()));
        Assert.All(mine, l => Assert.True(l.GetProperty("inputs").TryGetProperty("mean_radius", out _)));
        Assert.All(mine, l => Assert.Equal(2, l.GetProperty("shadow").GetProperty("version").GetInt32()));
    }

    private async Task<(int Version, string RequestId)> PredictAsync(string query, int rows = 1)
    {
        HttpResponseMessage response = await _http.PostAsJsonAsync($"/api/models/{Model}/predict{query}", _rows.Take(rows).Select(Features).ToList());
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        }

        using JsonDocument answer = JsonDocument.Parse(body);
        return (answer.RootElement.GetProperty("version").GetInt32(), answer.RootElement.GetProperty("requestId").GetString()!);
    }

    private Dictionary<string, double> Features(string[] row) =>
        _header.Zip(row).Where(p => p.First != "diagnosis").ToDictionary(p => p.First, p => double.Parse(p.Second, CultureInfo.InvariantCulture));

    private static async Task WaitForRunAsync(RunStore runs, string blob)
    {
        RunRecord run = await Eventually.ValueAsync(
            async () => (await runs.ListAsync(Model)).FirstOrDefault(r => r.DatasetBlob == blob && r.Status.IsTerminal()), $"the run of {blob} to finish");
        Assert.True(run.Status == RunStatus.NotPromoted, $"{blob}: {run.Status} {run.Reason}");
    }

    private static Task WaitForBlobAsync(BlobClient blob) =>
        Eventually.UntilAsync(async () => (await blob.ExistsAsync()).Value, $"{blob.Name} to be written", TimeSpan.FromSeconds(60));
}
