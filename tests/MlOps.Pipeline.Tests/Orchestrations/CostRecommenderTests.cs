using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Recommendations;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Pipeline.Contracts;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Orchestrations;

/// <summary>Recommendations from the ledger of real (small) training runs: every figure is what the runs measured.</summary>
public sealed class CostRecommenderTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bcrec";
    private readonly AzuriteFixture _azurite;

    public CostRecommenderTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task RecommendAsync_TwoRealRuns_FlagsTheCostlyLoserTheOversizedInstanceAndTheIdleVersion()
    {
        // 4,096 MB instances; a search of a 60-iteration LightGBM against three forests of stumps, which together cost more and lose.
        // Three, not one: a unit is billed at least 1 s, so one forest and LightGBM both under a second (or sharing the cores
        // while both run) would cost the same.
        await using PipelineHarness pipeline = await PipelineHarness.StartAsync(
            _azurite.ConnectionString, settings: new Dictionary<string, string?> { ["Cost:PriceSheet:InstanceMemoryMb"] = "4096" });
        await pipeline.Datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "positiveClass": "malignant",
              "training": { "trainers": [
                { "name": "LightGbm", "parameters": { "numberOfIterations": 60 } },
                { "name": "FastForest", "parameters": { "numberOfLeaves": 2 }, "search": { "numberOfTrees": [500, 600, 700] } } ] },
              "gates": { "minimumImprovement": 0.5 } }
            """));
        string[] lines = await File.ReadAllLinesAsync(TestData.BreastCancerCsv);
        RunOutcome first = (await pipeline.RunAsync(Model, $"{Model}/a.csv", BinaryData.FromString(string.Join('\n', lines)))).ReadOutputAs<RunOutcome>()!;
        RunOutcome second = (await pipeline.RunAsync(Model, $"{Model}/b.csv", BinaryData.FromString(string.Join('\n', lines.Take(lines.Length - 60))))).ReadOutputAs<RunOutcome>()!;
        Assert.True(first.Status == RunStatus.Succeeded, $"{first.Status}: {first.Reason}");
        Assert.True(second.Status == RunStatus.NotPromoted, $"{second.Status}: {second.Reason}"); // registered, kept from production by the gate

        IReadOnlyList<Recommendation> recommendations = await pipeline.Services.GetRequiredService<CostRecommender>().RecommendAsync(Model);

        // The trainer rule, recomputed from the runs' candidates and their ledger rows.
        CostLedger ledger = pipeline.Services.GetRequiredService<CostLedger>();
        var perTrainer = new Dictionary<string, (int Wins, double Cost)>();
        var activeMs = new List<string>();
        foreach (string runId in new[] { first.RunId, second.RunId })
        {
            IReadOnlyList<CostLedgerEntry> entries = await ledger.ForOwnerAsync(Model, runId);
            foreach (CandidateRecord candidate in await pipeline.Services.GetRequiredService<CandidateStore>().ListAsync(runId))
            {
                CostLedgerEntry[] rows = [.. entries.Where(e => e.Kind == CostKind.Candidate && e.CandidateIndex == candidate.Index)];
                double cost = rows.Sum(e => e.Cost.Total);
                activeMs.Add($"{candidate.Candidate.Trainer} {rows.Sum(e => e.Usage.ActiveMs):F0} ms");
                (int wins, double total) = perTrainer.GetValueOrDefault(candidate.Candidate.Trainer);
                perTrainer[candidate.Candidate.Trainer] = (wins + (candidate.Selected ? 1 : 0), total + cost);
            }
        }

        Assert.True(perTrainer["FastForest"].Cost > perTrainer["LightGbm"].Cost, $"the forest of stumps should cost more than the small LightGBM (active: {string.Join(", ", activeMs)})");
        Assert.Equal(0, perTrainer["FastForest"].Wins);
        Recommendation trainer = Assert.Single(recommendations, r => r.Kind == "trainer");
        Assert.Contains("FastForest", trainer.Title, StringComparison.Ordinal);
        double share = perTrainer["FastForest"].Cost / perTrainer.Values.Sum(t => t.Cost);
        Assert.Equal(share, trainer.Evidence["costShare"], 9);
        Assert.Equal(perTrainer["FastForest"].Cost, trainer.MonthlySaving, 9); // the 30-day window scaled to 30 days
        Assert.Equal(2, trainer.Evidence["runs"]);

        // Instance memory: the measured peak with headroom fits a smaller Flex size than 4,096 MB.
        Recommendation memory = Assert.Single(recommendations, r => r.Kind == "instance-memory");
        var all = new List<CostLedgerEntry>();
        await foreach (CostLedgerEntry entry in ledger.ListAsync(Model))
        {
            all.Add(entry);
        }

        double peakMb = all.Max(e => e.Usage.PeakMemoryBytes) / (1024.0 * 1024);
        Assert.Equal(Math.Round(peakMb, 1), memory.Evidence["peakMb"]);
        Assert.Equal(4096, memory.Evidence["instanceMemoryMb"]);
        int suggested = peakMb * 1.5 <= 512 ? 512 : 2048;
        Assert.Contains($"Run on {suggested} MB instances", memory.Title, StringComparison.Ordinal);
        Assert.Equal(all.Sum(e => e.Cost.Compute) * (1 - (suggested / 4096.0)), memory.MonthlySaving, 9);

        // The version production does not point at has served nothing: its artifact is all it costs.
        ModelRegistry registry = pipeline.Services.GetRequiredService<ModelRegistry>();
        int production = (await registry.GetAliasAsync(Model, ModelRegistry.Production))!.Version;
        ModelVersionRecord unaliased = Assert.Single(await registry.ListVersionsAsync(Model), v => v.Version != production);
        Recommendation idle = Assert.Single(recommendations, r => r.Kind == "idle-version");
        Assert.Contains($"Versions {unaliased.Version} ", idle.Detail, StringComparison.Ordinal);
        Assert.Equal(unaliased.SizeBytes, idle.Evidence["artifactBytes"]);
        Assert.True(idle.MonthlySaving > 0);

        // Production was promoted just now, and no prediction log is older than the monitors' window.
        Assert.DoesNotContain(recommendations, r => r.Kind is "idle-alias" or "prediction-log-retention");
        Assert.Equal(recommendations.OrderByDescending(r => r.MonthlySaving), recommendations);
    }
}
