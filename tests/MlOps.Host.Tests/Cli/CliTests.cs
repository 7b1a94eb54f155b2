using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Monitoring;
using MlOps.Core.Registry;
using MlOps.Core.Storage;
using MlOps.Host.Cli;
using MlOps.Host.Runtime;
using MlOps.Host.Tests.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Cli;

/// <summary>The CLI as a client of a running host: start runs, inspect, promote, roll back, read history.</summary>
public sealed class CliTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public CliTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Commands_AgainstRunningHost_ManageTheModelLifecycle()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:WatchBlobs"] = "false" });
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        var datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient("bc/pipeline.json").UploadAsync(BinaryData.FromString("""{ "label": "diagnosis", "deployment": { "mode": "manual" } }"""));
        string[] lines = await File.ReadAllLinesAsync(TestData.BreastCancerCsv);
        await datasets.GetBlobClient("bc/a.csv").UploadAsync(BinaryData.FromString(string.Join('\n', lines) + "\n"));
        await datasets.GetBlobClient("bc/b.csv").UploadAsync(BinaryData.FromString(string.Join('\n', lines[..^5]) + "\n"));
        string[] api = ["--api-url", runtime.ApiBaseUrl, "--api-key", "test-key"];

        Assert.Equal(0, await Run(["start", "bc", "bc/a.csv", "--wait", .. api]));
        Assert.Equal(0, await Run(["start", "bc", "bc/b.csv", "--wait", .. api]));
        Assert.Equal(0, await Run(["models", "bc", .. api]));
        Assert.Equal(0, await Run(["compare", "bc", "1", "2", .. api]));
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        Assert.Null(await registry.GetAliasAsync("bc", ModelRegistry.Production)); // manual mode registers only

        Assert.Equal(0, await Run(["promote", "bc", "1", "--reason", "first", "--by", "carol", .. api]));
        Assert.Equal(0, await Run(["promote", "bc", "2", "--reason", "second", .. api]));
        Assert.Equal(0, await Run(["rollback", "bc", "--reason", "complaints", .. api]));
        Assert.Equal(0, await Run(["history", "bc", .. api]));
        CliRun costTables = await new CliHarness().RunAsync(["cost", "bc", .. api]);
        Assert.True(costTables.ExitCode == 0, costTables.ToString());
        Assert.Contains("Cost per day by stage", costTables.Output, StringComparison.Ordinal);
        Assert.Contains("v2", costTables.Output, StringComparison.Ordinal);
        CliRun costJson = await new CliHarness().RunAsync(["cost", "bc", "--json", .. api]);
        using (JsonDocument costs = JsonDocument.Parse(costJson.Output))
        {
            Assert.Equal(2, costs.RootElement.GetProperty("versions").GetArrayLength());
            Assert.True(costs.RootElement.GetProperty("total").GetDouble() > 0);
        }

        Assert.Equal(0, await Run(["cost", .. api]));
        CliRun badDay = await new CliHarness().RunAsync(["cost", "bc", "--from", "12/01/2026", .. api]);
        Assert.True(badDay.ExitCode == CliExitCodes.ApiError, badDay.ToString());
        Assert.Contains("'from' must be a date as yyyy-MM-dd", Assert.Single(badDay.ErrorLines), StringComparison.Ordinal);

        // The cost monitor on a host without Azure: the ledger alone, in the report's shape, kept per day.
        CliRun monitored = await new CliHarness().RunAsync(["cost-monitor", "--wait", "--json", .. api]);
        Assert.True(monitored.ExitCode == 0, monitored.ToString());
        using (JsonDocument report = JsonDocument.Parse(monitored.Output))
        {
            Assert.Equal(["ledger"], report.RootElement.GetProperty("sources").EnumerateArray().Select(e => e.GetString()));
            JsonElement bc = report.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "bc");
            Assert.True(bc.GetProperty("total").GetProperty("estimated").GetDouble() > 0);
            Assert.False(bc.GetProperty("total").TryGetProperty("billed", out _));
            Assert.Equal(2, bc.GetProperty("runs").EnumerateObject().Count()); // both runs of today
        }

        CliRun reports = await new CliHarness().RunAsync(["cost-reports", .. api]);
        Assert.True(reports.ExitCode == 0, reports.ToString());
        Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reports.Output, StringComparison.Ordinal);
        CliRun recommendations = await new CliHarness().RunAsync(["recommendations", "bc", "--json", .. api]);
        Assert.True(recommendations.ExitCode == 0, recommendations.ToString());
        using (JsonDocument answer = JsonDocument.Parse(recommendations.Output))
        {
            // Production went back to v1: v2, without an alias, has served nothing.
            JsonElement idle = answer.RootElement.GetProperty("recommendations").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "idle-version");
            Assert.Contains("Versions 2 ", idle.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // The card of the version production serves (v1 again, after the rollback), and of a version named.
        CliRun card = await new CliHarness().RunAsync(["card", "bc", "--json", .. api]);
        Assert.True(card.ExitCode == 0, card.ToString());
        using (JsonDocument document = JsonDocument.Parse(card.Output))
        {
            JsonElement root = document.RootElement;
            Assert.Equal(1, root.GetProperty("version").GetInt32());
            Assert.Equal(lines.Length - 1, root.GetProperty("data").GetProperty("rows").GetInt64());
            Assert.Equal([1, 2, 1], root.GetProperty("promotions").EnumerateArray().Select(p => p.GetProperty("toVersion").GetInt32()).Reverse());
            Assert.Equal("carol", root.GetProperty("promotions")[2].GetProperty("by").GetString());
        }

        CliRun secondCard = await new CliHarness().RunAsync(["card", "bc", "2", .. api]);
        Assert.True(secondCard.ExitCode == 0, secondCard.ToString());
        Assert.Contains("Known limitations", secondCard.Output, StringComparison.Ordinal);
        Assert.Contains("second", secondCard.Output, StringComparison.Ordinal); // the promotion's reason
        CliRun noCard = await new CliHarness().RunAsync(["card", "bc", "9", .. api]);
        Assert.True(noCard.ExitCode == CliExitCodes.ApiError, noCard.ToString());
        Assert.Contains("has no version 9", Assert.Single(noCard.ErrorLines), StringComparison.Ordinal);

        // Predictions with their explanations: as JSON for programs, as a table of terms for people.
        string rowsFile = Path.Combine(Path.GetTempPath(), $"mlops-explain-{Guid.NewGuid():N}.json");
        string[] header = lines[0].Split(',');
        await File.WriteAllTextAsync(rowsFile, JsonSerializer.Serialize(lines.Skip(1).Take(2).Select(l => header.Zip(l.Split(','))
            .Where(p => p.First != "diagnosis").ToDictionary(p => p.First, p => double.Parse(p.Second, System.Globalization.CultureInfo.InvariantCulture)))));
        try
        {
            CliRun explainedJson = await new CliHarness().RunAsync(["predict", "bc", rowsFile, "--explain", "--explain-top", "2", "--json", .. api]);
            Assert.True(explainedJson.ExitCode == 0, explainedJson.ToString());
            using (JsonDocument answer = JsonDocument.Parse(explainedJson.Output))
            {
                Assert.All(answer.RootElement.GetProperty("predictions").EnumerateArray(), p =>
                    Assert.Equal(2, p.GetProperty("explanation").GetProperty("contributions").GetArrayLength()));
            }

            CliRun explained = await new CliHarness().RunAsync(["predict", "bc", rowsFile, "--explain", .. api]);
            Assert.True(explained.ExitCode == 0, explained.ToString());
            Assert.Contains("bias", explained.Output, StringComparison.Ordinal);
            Assert.Contains("(rest)", explained.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(rowsFile);
        }

        Assert.Equal(1, (await registry.GetAliasAsync("bc", ModelRegistry.Production))!.Version);
        IReadOnlyList<PromotionRecord> history = await registry.HistoryAsync("bc");
        Assert.Equal([1, 2, 1], history.Select(h => h.ToVersion));
        Assert.Equal("carol", history[^1].By);
        CliRun missing = await new CliHarness().RunAsync(["promote", "bc", "9", .. api]);
        Assert.True(missing.ExitCode == CliExitCodes.ApiError, missing.ToString());
        Assert.StartsWith("mlops: HTTP 404 Not Found: ", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_ExplainTopWithoutExplain_UsageErrorBeforeAnythingIsSent()
    {
        CliRun run = await new CliHarness().RunAsync(["predict", "bc", TestData.BreastCancerCsv, "--explain-top", "3", "--api-url", "http://127.0.0.1:9", "--api-key", "test-key"]);

        Assert.True(run.ExitCode == CliExitCodes.Usage, run.ToString());
        Assert.Contains("--explain-top needs --explain", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("promote", "a#b")]
    [InlineData("promote", "prod uction")]
    [InlineData("predict", "../x")]
    [InlineData("predict", "$x")]
    public async Task AliasOption_AgainstTheAliasRule_UsageErrorBeforeAnythingIsSent(string command, string alias)
    {
        // Nothing listens on the given address: had the command tried to send, it would exit "unreachable" instead.
        string[] args = command == "promote" ? ["promote", "bc", "1", "--alias", alias] : ["predict", "bc", TestData.BreastCancerCsv, "--alias", alias];

        CliRun run = await new CliHarness().RunAsync([.. args, "--api-url", "http://127.0.0.1:9", "--api-key", "test-key"]);

        Assert.True(run.ExitCode == CliExitCodes.Usage, run.ToString());
        Assert.StartsWith($"mlops: '{alias}' is not a valid alias: {AliasName.Rule}", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_ModelWithTwoRuns_ListsThemNewestFirst()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:WatchBlobs"] = "false" });
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        var datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient("bc/pipeline.json").UploadAsync(BinaryData.FromString("""{ "label": "diagnosis", "validation": { "minRows": 1000 } }"""));
        await datasets.GetBlobClient("bc/a.csv").UploadAsync(BinaryData.FromString(await File.ReadAllTextAsync(TestData.BreastCancerCsv)));
        await datasets.GetBlobClient("bc/b.csv").UploadAsync(BinaryData.FromString(await File.ReadAllTextAsync(TestData.BreastCancerCsv) + "\n"));
        string[] api = ["--api-url", runtime.ApiBaseUrl, "--api-key", "test-key"];
        var cli = new CliHarness();

        // 569 rows are under the spec's minimum of 1000: each run is rejected at ingest, quickly, and says why.
        CliRun first = await cli.RunAsync(["start", "bc", "bc/a.csv", "--wait", .. api]);
        CliRun second = await cli.RunAsync(["start", "bc", "bc/b.csv", "--wait", .. api]);
        CliRun table = await cli.RunAsync(["runs", "bc", .. api]);
        CliRun json = await cli.RunAsync(["runs", "bc", "--json", .. api]);

        Assert.True(first.ExitCode == CliExitCodes.RunFailed, first.ToString()); // rejected data fails the waiting command
        Assert.True(second.ExitCode == CliExitCodes.RunFailed, second.ToString());
        using JsonDocument runs = JsonDocument.Parse(json.Output);
        string[] ids = [.. runs.RootElement.EnumerateArray().Select(r => r.GetProperty("runId").GetString()!)];
        Assert.Equal(2, ids.Length);
        Assert.Contains(ids[0], second.Output, StringComparison.Ordinal); // newest first
        Assert.Contains(ids[1], first.Output, StringComparison.Ordinal);
        Assert.All(runs.RootElement.EnumerateArray(), r => Assert.Equal("rejected", r.GetProperty("status").GetString(), ignoreCase: true));
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.True(table.Output.IndexOf(ids[0], StringComparison.Ordinal) < table.Output.IndexOf(ids[1], StringComparison.Ordinal), table.Output);
        Assert.Contains("│ runId", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitoringCommands_AgainstRunningHost_RunTheMonitorAndTakeFeedback()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["AzureWebJobs.MonitorModels.Disabled"] = "true" });
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        var datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient("bc/pipeline.json").UploadAsync(BinaryData.FromString("""{ "label": "diagnosis" }"""));
        await datasets.GetBlobClient("bc/a.csv").UploadAsync(BinaryData.FromString(await File.ReadAllTextAsync(TestData.BreastCancerCsv)));
        string[] api = ["--api-url", runtime.ApiBaseUrl, "--api-key", "test-key"];
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        await Eventually.UntilAsync(async () => await registry.GetAliasAsync("bc", ModelRegistry.Production) is not null, "v1 in production");

        Assert.Equal(0, await Run(["monitor", "bc", "--wait", .. api]));
        MonitorRecord record = Assert.Single(await runtime.Services.GetRequiredService<MonitorStore>().ListAsync("bc"));
        Assert.NotNull(record.EndedAt);
        Assert.StartsWith("no logged predictions", record.RetrainDecision, StringComparison.Ordinal); // nothing served yet: nothing to judge
        Assert.Equal(0, await Run(["monitors", "bc", .. api]));
        Assert.Equal(0, await Run(["drift", "bc", .. api]));
        Assert.Equal(0, await Run(["decay", "bc", .. api]));
        Assert.Equal(0, await Run(["alerts", "bc", .. api]));

        string labels = Path.Combine(Path.GetTempPath(), UniqueName.For("labels") + ".json");
        await File.WriteAllTextAsync(labels, """[{ "requestId": "r1", "row": 0, "label": "benign" }]""");
        try
        {
            Assert.Equal(0, await Run(["feedback", "bc", labels, .. api]));
        }
        finally
        {
            File.Delete(labels);
        }

        var stored = new List<string>();
        await foreach (BlobItem blob in storage.Container(storage.Layout.Feedback).GetBlobsAsync(new GetBlobsOptions { Prefix = "bc/" }))
        {
            stored.Add(blob.Name);
        }

        Assert.True(stored.Count == 1, $"expected the labels as one blob under feedback/bc/, found {stored.Count}");
    }

    private static async Task<int> Run(string[] args)
    {
        CliRun run = await new CliHarness().RunAsync(args);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.ExitCode;
    }
}
