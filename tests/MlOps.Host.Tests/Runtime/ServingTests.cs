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
    public async Task Predict_Answer_JsonSentWithItsLengthNotChunked()
    {
        HttpResponseMessage response = await _http.PostAsJsonAsync($"/api/models/{Model}/predict", new[] { Features(_rows[0]) });
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        using JsonDocument answer = JsonDocument.Parse(body);
        Assert.Equal(Model, answer.RootElement.GetProperty("model").GetString());
        Assert.Matches("^[0-9a-f]{32}$", answer.RootElement.GetProperty("requestId").GetString());
        Assert.InRange(answer.RootElement.GetProperty("predictions")[0].GetProperty("probability").GetDouble(), 0, 1);
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
    public async Task Predict_ExplainTrue_TopContributionsPlusBiasAndRestAddUpToTheScore()
    {
        HttpResponseMessage response = await _http.PostAsJsonAsync($"/api/models/{Model}/predict?explain=true&explainTop=3", _rows.Take(20).Select(Features).ToList());
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);

        using JsonDocument answer = JsonDocument.Parse(body);
        string[] features = [.. _header.Where(h => h != "diagnosis")];
        foreach (JsonElement prediction in answer.RootElement.GetProperty("predictions").EnumerateArray())
        {
            JsonElement explanation = prediction.GetProperty("explanation");
            Assert.Equal("treePath", explanation.GetProperty("method").GetString());
            JsonElement[] contributions = [.. explanation.GetProperty("contributions").EnumerateArray()];
            Assert.Equal(3, contributions.Length);
            Assert.All(contributions, c => Assert.Contains(c.GetProperty("column").GetString(), features));
            double[] sizes = [.. contributions.Select(c => Math.Abs(c.GetProperty("contribution").GetDouble()))];
            Assert.Equal(sizes.OrderDescending(), sizes);
            double score = prediction.GetProperty("score").GetDouble();
            double total = explanation.GetProperty("bias").GetDouble() + contributions.Sum(c => c.GetProperty("contribution").GetDouble()) + explanation.GetProperty("rest").GetDouble();
            Assert.InRange(total - score, -1e-6 * Math.Max(1, Math.Abs(score)), 1e-6 * Math.Max(1, Math.Abs(score)));
        }

        HttpResponseMessage plain = await _http.PostAsJsonAsync($"/api/models/{Model}/predict", new[] { Features(_rows[0]) });
        Assert.DoesNotContain("explanation", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        HttpResponseMessage defaultTop = await _http.PostAsJsonAsync($"/api/models/{Model}/predict?explain=true", new[] { Features(_rows[0]) });
        using JsonDocument five = JsonDocument.Parse(await defaultTop.Content.ReadAsStringAsync());
        Assert.Equal(5, five.RootElement.GetProperty("predictions")[0].GetProperty("explanation").GetProperty("contributions").GetArrayLength());
    }

    [Theory]
    [InlineData("?explain=yes", "'explain' must be true or false")]
    [InlineData("?explainTop=3", "'explainTop' needs 'explain=true'")]
    [InlineData("?explain=true&explainTop=0", "'explainTop' must be a whole number from 1 to 100")]
    [InlineData("?explain=true&explainTop=101", "'explainTop' must be a whole number from 1 to 100")]
    public async Task Predict_ExplainBadQuery_BadRequestNamingTheParameter(string query, string problem)
    {
        HttpResponseMessage response = await _http.PostAsJsonAsync($"/api/models/{Model}/predict{query}", new[] { Features(_rows[0]) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchScoring_ExplainMetadata_EveryColumnsContributionPlusBiasIsTheScore()
    {
        var scoring = _storage.Container(_storage.Layout.Scoring);
        string csv = string.Join(',', _header) + "\n" + string.Join('\n', _rows.Take(40).Select(r => string.Join(',', r))) + "\n";
        await scoring.GetBlobClient($"{Model}/explained.csv").UploadAsync(BinaryData.FromString(csv), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { [BatchScorer.ExplainMetadata] = "true" },
        });

        BlobClient scored = _storage.Container(_storage.Layout.Scored).GetBlobClient($"{Model}/explained.csv");
        await WaitForBlobAsync(scored);
        string[] lines = (await scored.DownloadContentAsync()).Value.Content.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(41, lines.Length);
        string[] header = lines[0].Split(',');
        string[] features = [.. _header.Where(h => h != "diagnosis")];
        int bias = Array.IndexOf(header, BatchScorer.BiasColumn);
        Assert.Equal("model_version", header[bias - 1]);
        Assert.Equal(features.Select(f => BatchScorer.ContributionPrefix + f), header.Skip(bias + 1));
        int scoreColumn = Array.IndexOf(header, "score");
        foreach (string line in lines.Skip(1))
        {
            double[] cells = [.. line.Split(',').Skip(bias).Select(c => double.Parse(c, CultureInfo.InvariantCulture))];
            double score = double.Parse(line.Split(',')[scoreColumn], CultureInfo.InvariantCulture);
            Assert.InRange(cells.Sum() - score, -1e-6 * Math.Max(1, Math.Abs(score)), 1e-6 * Math.Max(1, Math.Abs(score)));
        }

        Assert.Equal("true", (await scored.GetPropertiesAsync()).Value.Metadata["explained"]);
    }

    [Fact]
    public async Task Explain_MulticlassModel_UnprocessableNamingWhyAndBatchFileFailsWithTheReason()
    {
        const string iris = "iris-explained";
        string[] lines = await File.ReadAllLinesAsync(TestData.PathOf("iris.csv"));
        BlobContainerClient datasets = _storage.Container(_storage.Layout.Datasets);
        await datasets.GetBlobClient($"{iris}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "species", "task": "multiclass", "deployment": { "mode": "manual" },
              "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 20 } } ] } }
            """));
        await datasets.GetBlobClient($"{iris}/iris.csv").UploadAsync(BinaryData.FromString(string.Join('\n', lines) + "\n"));
        var runs = _runtime.Services.GetRequiredService<RunStore>();
        RunRecord run = await Eventually.ValueAsync(
            async () => (await runs.ListAsync(iris)).FirstOrDefault(r => r.Status.IsTerminal()), "the iris run to finish");
        Assert.True(run.Status == RunStatus.NotPromoted, $"{run.Status} {run.Reason}");
        string[] header = lines[0].Split(',');
        Dictionary<string, double> row = header.Zip(lines[1].Split(',')).Where(p => p.First != "species")
            .ToDictionary(p => p.First, p => double.Parse(p.Second, CultureInfo.InvariantCulture));

        HttpResponseMessage response = await _http.PostAsJsonAsync($"/api/models/{iris}/predict?version=1&explain=true", new[] { row });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("multiclass", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        HttpResponseMessage plain = await _http.PostAsJsonAsync($"/api/models/{iris}/predict?version=1", new[] { row });
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);

        await _registry.PromoteAsync(iris, ModelRegistry.Production, 1, null, "test", "batch");
        await _storage.Container(_storage.Layout.Scoring).GetBlobClient($"{iris}/batch.csv").UploadAsync(
            BinaryData.FromString(string.Join('\n', lines.Take(10)) + "\n"),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { [BatchScorer.ExplainMetadata] = "true" } });
        BlobClient error = _storage.Container(_storage.Layout.Scored).GetBlobClient($"{iris}/batch.csv.error.txt");
        await WaitForBlobAsync(error);
        Assert.Contains("multiclass", (await error.DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
        Assert.False((await _storage.Container(_storage.Layout.Scored).GetBlobClient($"{iris}/batch.csv").ExistsAsync()).Value);
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
