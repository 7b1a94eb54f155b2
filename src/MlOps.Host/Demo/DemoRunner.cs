using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Host.Cli;
using MlOps.Host.Runtime;
using Spectre.Console;

namespace MlOps.Host.Demo;

/// <summary>
/// The main job: start the local runtime on an embedded Azurite, upload the bundled dataset and spec, follow the
/// triggered run stage by stage, show the model's metrics, score held-back rows through the HTTP API, then run the
/// drift monitor over those logged requests and save its plot.
/// </summary>
public static class DemoRunner
{
    /// <summary>Where the demo writes what is better seen than read (the drift plot); ~/.mlops/demo by default.</summary>
    public const string OutputSetting = "Demo:OutputDirectory";

    private static string DefaultOutputDirectory => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mlops", "demo");

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
            ["Host:DiscoveryFile"] = string.Empty, // a throw-away host: the CLI's default stays with `mlops serve`
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
            int scored = await ScoreHeldBackAsync(console, api, dataset, cancellationToken).ConfigureAwait(false);
            int result = scored != 0 ? scored : await MonitorAsync(console, api, runtime, settings.GetValueOrDefault(OutputSetting) ?? DefaultOutputDirectory, cancellationToken).ConfigureAwait(false);
            if (result == 0)
            {
                await ShowDashboardAsync(console, runtime, cancellationToken).ConfigureAwait(false);
            }

            return result;
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

    /// <summary>The held-back rows come from the training distribution, so the report should find no drift.</summary>
    private static async Task<int> MonitorAsync(IAnsiConsole console, ApiClient api, LocalRuntime runtime, string outputDirectory, CancellationToken cancellationToken)
    {
        await runtime.Services.GetRequiredService<PredictionLog>().FlushAsync(cancellationToken).ConfigureAwait(false);
        JsonElement started = await api.PostAsync($"api/models/{DemoDataset.Model}/monitor", "{}", cancellationToken).ConfigureAwait(false);
        string monitorId = started.GetProperty("monitorId").GetString()!;
        MonitorRecord? record = null;
        await console.Status().StartAsync("Drift and decay monitors over the logged requests…", async _ =>
            record = (await runtime.Client.WaitForInstanceCompletionAsync(monitorId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false))
                .ReadOutputAs<MonitorRecord>()).ConfigureAwait(false);
        var reports = runtime.Services.GetRequiredService<DriftReportStore>();
        DriftReportSummary? drift = (await reports.ListAsync(DemoDataset.Model, cancellationToken: cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => r.Window.Id == record!.Window.Id);
        if (drift is null)
        {
            console.MarkupLineInterpolated($"[red]The monitor wrote no drift report: {record?.RetrainDecision}[/]");
            return 1;
        }

        var table = new Table().Title($"[bold]Drift of v{drift.Version} over {drift.Rows:N0} logged rows[/] (window {drift.Window.Id})")
            .AddColumn("check").AddColumn("result");
        table.AddRow("columns drifted", $"{drift.ColumnsDrifted} of {drift.ColumnsCompared} ({drift.DriftedShare.ToString("P0", CultureInfo.InvariantCulture)})");
        table.AddRow("dataset drifted", drift.DatasetDrifted ? "[red]yes[/]" : "[green]no[/]");
        table.AddRow("prediction drift", drift.PredictionDrifted switch { true => "[red]yes[/]", false => "[green]no[/]", null => "not measured" });
        table.AddRow("decay", Markup.Escape(record!.DecayVerdict ?? "not measured"));
        table.AddRow("retrain", Markup.Escape(record.RetrainDecision ?? ""));
        console.Write(table);

        byte[]? plot = await reports.GetPlotAsync(DemoDataset.Model, drift.Window, cancellationToken).ConfigureAwait(false);
        if (plot is not null)
        {
            Directory.CreateDirectory(outputDirectory);
            string path = Path.GetFullPath(Path.Combine(outputDirectory, $"drift-{drift.Window.Id}.png"));
            await File.WriteAllBytesAsync(path, plot, cancellationToken).ConfigureAwait(false);
            console.MarkupLineInterpolated($"Drift plot (reference vs logged distributions of the most drifted features): [link]{path}[/]");
        }

        return 0;
    }

    /// <summary>
    /// Prints the dashboard's address; in a terminal the runtime stays up until Enter so the run, the versions and the
    /// drift report can be browsed. Redirected input (scripts, CI) ends the demo at once.
    /// </summary>
    private static async Task ShowDashboardAsync(IAnsiConsole console, LocalRuntime runtime, CancellationToken cancellationToken)
    {
        string url = $"{runtime.ApiBaseUrl}/#/models/{DemoDataset.Model}";
        console.MarkupLineInterpolated($"Dashboard: [link]{url}[/]");
        if (!console.Profile.Capabilities.Interactive || Console.IsInputRedirected)
        {
            return;
        }

        console.MarkupLine("[grey]Press Enter to stop the demo (the dashboard answers until then).[/]");
        await Task.Run(Console.ReadLine, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void QuietLogging(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Error);
}
