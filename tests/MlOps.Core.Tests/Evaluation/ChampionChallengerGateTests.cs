using MlOps.Core.Evaluation;
using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Evaluation;

public sealed class ChampionChallengerGateTests
{
    private static readonly PipelineSpec Spec = new()
    {
        Label = "y",
        Gates = new GateSpec { Minimums = new Dictionary<string, double> { ["auc"] = 0.8 }, MinimumImprovement = 0.01 },
    };

    [Fact]
    public void Decide_NoChampionAndMinimumsMet_Passes()
    {
        GateDecision decision = ChampionChallengerGate.Decide(Spec, new Dictionary<string, double> { ["auc"] = 0.9 }, null, null);
        Assert.True(decision.Passed);
        Assert.Equal("auc", decision.PrimaryMetric);
    }

    [Fact]
    public void Decide_BelowMinimum_FailsWithReason()
    {
        GateDecision decision = ChampionChallengerGate.Decide(Spec, new Dictionary<string, double> { ["auc"] = 0.7 }, null, null);
        Assert.False(decision.Passed);
        Assert.Contains(decision.Reasons, r => r.Contains("misses the minimum", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_ChallengerNotBetterByDelta_FailsAndRecordsDeltas()
    {
        GateDecision decision = ChampionChallengerGate.Decide(Spec, new Dictionary<string, double> { ["auc"] = 0.905 }, 3, new Dictionary<string, double> { ["auc"] = 0.9 });
        Assert.False(decision.Passed);
        Assert.Equal(3, decision.ChampionVersion);
        Assert.Equal(0.005, decision.Deltas!["auc"], 9);
    }

    [Fact]
    public void Decide_ChallengerBetterByDelta_Passes()
    {
        GateDecision decision = ChampionChallengerGate.Decide(Spec, new Dictionary<string, double> { ["auc"] = 0.93 }, 3, new Dictionary<string, double> { ["auc"] = 0.9 });
        Assert.True(decision.Passed);
    }

    [Fact]
    public void Decide_LowerIsBetterMetric_ComparesTheRightWay()
    {
        var spec = new PipelineSpec { Label = "y", Task = ModelTask.Regression, Training = new TrainingSpec { SelectionMetric = "rmse" } };
        Assert.True(ChampionChallengerGate.Decide(spec, new Dictionary<string, double> { ["rmse"] = 10 }, 1, new Dictionary<string, double> { ["rmse"] = 12 }).Passed);
        Assert.False(ChampionChallengerGate.Decide(spec, new Dictionary<string, double> { ["rmse"] = 13 }, 1, new Dictionary<string, double> { ["rmse"] = 12 }).Passed);
    }

    [Theory]
    [InlineData(0.012, 0.10, false)] // 20 % costlier: beyond a 10 % limit
    [InlineData(0.012, 0.25, true)] //  within a 25 % limit
    public void Decide_SlightlyBetterButCostlier_HeldToMaxServingCostIncrease(double challengerMsPerRow, double maxIncrease, bool passes)
    {
        var spec = Spec with { Gates = Spec.Gates with { MaxServingCostIncrease = maxIncrease } };
        ServingCostEvidence cost = ServingCostEvidence.Price(MlOps.Core.Cost.PriceSheetDefaults.ListPrices, challengerMsPerRow, 0.010, 1_000_000, 0, 0.02);

        GateDecision decision = ChampionChallengerGate.Decide(spec, new Dictionary<string, double> { ["auc"] = 0.92 }, 3, new Dictionary<string, double> { ["auc"] = 0.90 }, servingCost: cost);

        Assert.Equal(0.2, cost.Increase!.Value, 2); // huge requests: executions hardly count, scoring time does
        Assert.Equal(passes, decision.Passed);
        Assert.Same(cost, decision.ServingCost);
        Assert.Contains(decision.Reasons, r => r.Contains(passes ? "within gates.maxServingCostIncrease" : "over gates.maxServingCostIncrease", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.02, 10_000_000, 1, true)]   // 0.02 auc for $0.0052 more a month: 3.8 per dollar
    [InlineData(0.02, 10_000_000, 10, false)] // asks for more than that
    [InlineData(0.02, 0, 1000, true)]         // nobody calls it: it costs nothing more
    public void Decide_CostlierChallenger_HeldToMinimumGainPerDollarAtObservedTraffic(double gain, double predictionsPerMonth, double minimum, bool passes)
    {
        var spec = Spec with { Gates = Spec.Gates with { MinimumGainPerDollar = minimum } };
        ServingCostEvidence cost = ServingCostEvidence.Price(MlOps.Core.Cost.PriceSheetDefaults.ListPrices, 0.02, 0.01, 1, predictionsPerMonth, gain);

        GateDecision decision = ChampionChallengerGate.Decide(spec, new Dictionary<string, double> { ["auc"] = 0.90 + gain }, 3, new Dictionary<string, double> { ["auc"] = 0.90 }, servingCost: cost);

        // 0.01 ms more per row is 10 s more per million rows, on 2 GB at $0.000026/GB-s: $0.00052 per million predictions.
        Assert.Equal(10 * 2 * 0.000026, cost.ExtraPerMillion!.Value, 12);
        Assert.Equal(passes, decision.Passed);
        if (predictionsPerMonth > 0)
        {
            Assert.Equal(gain / (cost.ExtraPerMillion.Value * predictionsPerMonth / 1e6), cost.GainPerDollar!.Value, 6);
        }
    }

    [Fact]
    public void Decide_ProductionCannotScoreTheRows_FailsSayingWhyNeverNoProduction()
    {
        GateDecision decision = ChampionChallengerGate.Decide(Spec, new Dictionary<string, double> { ["auc"] = 0.95 }, 2, null, championProblem: "its artifact is missing");
        Assert.False(decision.Passed);
        Assert.Equal(2, decision.ChampionVersion);
        Assert.Contains(decision.Reasons, r => r.StartsWith("production v2 exists but could not be scored on these rows: its artifact is missing", StringComparison.Ordinal));
        Assert.DoesNotContain(decision.Reasons, r => r.Contains("no production version", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_SchemaChange_ListedAndLeftToTheSchemaChangeRule()
    {
        GateDecision decision = ChampionChallengerGate.Decide(
            Spec, new Dictionary<string, double> { ["auc"] = 0.95 }, 2, null, championProblem: "production v2 needs column 'radius'", schemaChanges: ["column 'radius' is gone"]);
        Assert.True(decision.Passed); // the minimums hold; the schema change, not the gate, keeps it from production
        Assert.Equal(["column 'radius' is gone"], decision.SchemaChanges);
        Assert.Contains(decision.Reasons, r => r == "schema change from production v2: column 'radius' is gone");
        Assert.DoesNotContain(decision.Reasons, r => r.Contains("no production version", StringComparison.Ordinal));
    }
}
