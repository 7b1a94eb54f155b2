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
