using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Host.Tests.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests;

/// <summary>Upload → watcher → orchestration on the real Azure Storage backend (Azurite) → registry → predict over HTTP.</summary>
public sealed class EndToEndTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "breast-cancer";
    private readonly AzuriteFixture _azurite;

    public EndToEndTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task UploadCsv_WatcherRunsPipeline_ProductionServesHeldBackRowsWithHighAuc()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString);
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        var runs = runtime.Services.GetRequiredService<RunStore>();
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        (string training, List<string> heldBack, string header) = SplitHeldBack(File.ReadAllLines(TestData.BreastCancerCsv), every: 10);

        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.CreateIfNotExistsAsync();
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""{ "task": "binary", "label": "diagnosis", "positiveClass": "malignant" }"""), overwrite: true);
        BlobClient data = datasets.GetBlobClient($"{Model}/wdbc.csv");
        await data.UploadAsync(BinaryData.FromString(training), overwrite: true);

        RunRecord run = await WaitForTerminalRunAsync(runs, Model, TimeSpan.FromSeconds(90));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.ModelVersion);
        Assert.Equal("blob", run.Trigger);
        AliasRecord? production = await registry.GetAliasAsync(Model, ModelRegistry.Production);
        Assert.Equal(1, production?.Version);
        IReadOnlyList<RunStepRecord> steps = await runs.GetStepsAsync(run.RunId);
        Assert.Equal(["ingest", "train", "evaluate", "deploy"], steps.Select(s => s.Name));

        using var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl) };
        string[] columns = header.Split(',');
        var rows = heldBack.Select(line => ToRow(columns, line.Split(','), "diagnosis")).ToList();
        HttpResponseMessage response = await http.PostAsJsonAsync($"/api/models/{Model}/predict", rows);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, body.RootElement.GetProperty("version").GetInt32());
        double[] probabilities = body.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("probability").GetDouble()).ToArray();
        bool[] actual = heldBack.Select(l => l.Split(',')[^1] == "malignant").ToArray();
        Assert.Equal(heldBack.Count, probabilities.Length);
        Assert.True(Auc(actual, probabilities) > 0.95, $"AUC on held-back rows was {Auc(actual, probabilities):F4}");

        // The same content uploaded again is the same blob version: no second run.
        await data.UploadAsync(BinaryData.FromString(training), overwrite: true);
        await runtime.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<BlobWatcher>().Single().ScanAsync(CancellationToken.None);
        await Task.Delay(1000);
        Assert.Single(await runs.ListAsync(Model));
    }

    internal static async Task<RunRecord> WaitForTerminalRunAsync(RunStore runs, string model, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            RunRecord? run;
            try
            {
                run = (await runs.ListAsync(model)).FirstOrDefault();
            }
            catch (Azure.RequestFailedException ex) when (ex.ErrorCode == "TableNotFound")
            {
                run = null; // the runtime creates its tables in the background as it starts: no run yet
            }

            if (run is not null && run.Status.IsTerminal())
            {
                return run;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No finished run of {model} within {timeout}.");
    }

    private static (string Training, List<string> HeldBack, string Header) SplitHeldBack(string[] lines, int every)
    {
        var training = new StringBuilder(lines[0]).Append('\n');
        var heldBack = new List<string>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (i % every == 0)
            {
                heldBack.Add(lines[i]);
            }
            else
            {
                training.Append(lines[i]).Append('\n');
            }
        }

        return (training.ToString(), heldBack, lines[0]);
    }

    private static Dictionary<string, object> ToRow(string[] columns, string[] values, string label) =>
        columns.Zip(values).Where(p => p.First != label).ToDictionary(p => p.First, p => (object)double.Parse(p.Second, CultureInfo.InvariantCulture));

    // Rank-based AUC (Mann–Whitney), ties counted half.
    private static double Auc(bool[] actual, double[] scores)
    {
        double positives = actual.Count(a => a), negatives = actual.Length - positives, wins = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            for (int j = 0; j < actual.Length; j++)
            {
                if (actual[i] && !actual[j])
                {
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        return wins / (positives * negatives);
    }
}
