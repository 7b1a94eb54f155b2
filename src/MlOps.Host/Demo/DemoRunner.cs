using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Cli;
using MlOps.Host.Runtime;
using Spectre.Console;

namespace MlOps.Host.Demo;

/// <summary>
/// The main job: start the local runtime on an embedded Azurite, upload the bundled dataset and spec, follow the
/// triggered run stage by stage, show the model's metrics and score held-back rows through the HTTP API.
/// </summary>
public static class DemoRunner
{
    public static async Task<int> RunAsync(IAnsiConsole console, IDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(new Rule("[bold]MlOps.Functions demo[/]").LeftJustified());
        var settings = new Dictionary<string, string?>
        {
            // A fresh, throw-away environment: Azurite in memory on free ports, the API on a free loopback port.
            ["Azurite:BlobPort"] = "0",
            ["Azurite:InMemory"] = "true",
            ["Host:ApiUrl"] = "http://127.0.0.1:0",
            ["Host:TaskHub"] = "mlopsdemo",
            ["Host:WatcherPollInterval"] = "00:00:00.200",
            ["Host:QueuePollingInterval"] = "00:00:00.100",
        };
        foreach ((string key, string? value) in overrides)
        {
            settings[key] = value;
        }

        LocalRuntime? runtime = null;
        await console.Status().StartAsync("Starting Azurite, the durable backend and the API…", async _ =>
            runtime = await LocalRuntime.StartAsync(HostConfiguration.Build(settings), QuietLogging, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await using (runtime!)
        {
            console.MarkupLineInterpolated($"Runtime up: API [link]{runtime!.ApiBaseUrl}[/], task hub on the Azure Storage backend.");
            var dataset = DemoDataset.Load();
            var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
            await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
            await datasets.GetBlobClient($"{DemoDataset.Model}/pipeline.json").UploadAsync(BinaryData.FromString(dataset.Spec), overwrite: true, cancellationToken).ConfigureAwait(false);
            string blobName = $"{DemoDataset.Model}/breast_cancer.csv";
            BlobContentInfo uploaded = (await datasets.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(dataset.Training), overwrite: true, cancellationToken).ConfigureAwait(false)).Value;
            console.MarkupLineInterpolated($"Uploaded [bold]{storage.Layout.Datasets}/{blobName}[/] ({dataset.Training.Length:N0} bytes) and its pipeline.json; the blob watcher starts the run.");

            string runId = RunIds.ForBlobVersion(DemoDataset.Model, storage.Layout.Datasets, blobName, BlobVersionTag.From(uploaded.ContentHash, uploaded.ETag.ToString()));
            using var api = new ApiClient(runtime.ApiBaseUrl, runtime.ApiKey);
            JsonElement final = await RunProgressView.FollowAsync(console, api, runId, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            JsonElement run = final.GetProperty("run");
            string status = run.GetProperty("status").GetString()!;
            if (!status.Equals("succeeded", StringComparison.OrdinalIgnoreCase))
            {
                console.MarkupLineInterpolated($"[red]Run {runId} ended {status}: {(run.TryGetProperty("reason", out JsonElement reason) ? reason.GetString() : "no reason")}[/]");
                return 1;
            }

            ShowMetrics(console, run);
            return await ScoreHeldBackAsync(console, api, dataset, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ShowMetrics(IAnsiConsole console, JsonElement run)
    {
        var table = new Table().Title($"[bold]{DemoDataset.Model} v{run.GetProperty("modelVersion").GetInt32()} is production[/] (test split)").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (JsonProperty metric in run.GetProperty("metrics").EnumerateObject())
        {
            table.AddRow(metric.Name, metric.Value.GetDouble().ToString(metric.Name == "rows" ? "N0" : "F4", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"[grey]{run.GetProperty("reason").GetString()}[/]");
    }

    private static async Task<int> ScoreHeldBackAsync(IAnsiConsole console, ApiClient api, DemoDataset dataset, CancellationToken cancellationToken)
    {
        int label = dataset.Columns.ToList().IndexOf(DemoDataset.Label);
        var rows = dataset.HeldBack.Select(values => dataset.Columns
            .Select((column, i) => (column, i)).Where(c => c.i != label)
            .ToDictionary(c => c.column, c => double.Parse(values[c.i], CultureInfo.InvariantCulture))).ToList();
        JsonElement answer = await api.PostAsync($"api/models/{DemoDataset.Model}/predict", JsonSerializer.Serialize(rows), cancellationToken).ConfigureAwait(false);
        JsonElement[] predictions = [.. answer.GetProperty("predictions").EnumerateArray()];

        var table = new Table().Title($"[bold]Held-back rows scored by v{answer.GetProperty("version").GetInt32()} over HTTP[/]")
            .AddColumn("row").AddColumn("actual").AddColumn("predicted").AddColumn(new TableColumn("P(malignant)").RightAligned());
        int correct = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            string actual = dataset.HeldBack[i][label];
            string predicted = predictions[i].GetProperty("label").GetString()!;
            correct += actual == predicted ? 1 : 0;
            if (i < 8)
            {
                string color = actual == predicted ? "green" : "red";
                table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), actual, $"[{color}]{predicted}[/]", predictions[i].GetProperty("probability").GetDouble().ToString("F3", CultureInfo.InvariantCulture));
            }
        }

        console.Write(table);
        console.MarkupLineInterpolated($"[bold]{correct}/{predictions.Length}[/] held-back rows classified correctly.");
        return predictions.Length == dataset.HeldBack.Count ? 0 : 1;
    }

    private static void QuietLogging(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Error);
}
