using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Specs;

public sealed class PipelineSpecSerializerTests
{
    [Fact]
    public void Parse_ValidSpec_ReadsEverySection()
    {
        PipelineSpec spec = PipelineSpecSerializer.Parse("""
            { "task": "binary", "label": "y", "positiveClass": "yes", "ignore": ["id"],
              "split": { "validation": 0.1, "test": 0.25, "seed": 7 },
              "training": { "trainers": [ { "name": "FastTree", "parameters": { "numberOfTrees": 50 } } ] },
              "gates": { "minimums": { "auc": 0.8 }, "minimumImprovement": 0.01 },
              "deployment": { "mode": "manual" } }
            """);

        Assert.Equal(ModelTask.Binary, spec.Task);
        Assert.Equal("y", spec.Label);
        Assert.Equal(["id"], spec.Ignore);
        Assert.Equal(0.25, spec.Split.Test);
        Assert.Equal(7, spec.Split.Seed);
        Assert.Equal(50, spec.Training.Trainers[0].Parameters["numberOfTrees"]);
        Assert.Equal(0.8, spec.Gates.Minimums["auc"]);
        Assert.Equal(DeploymentMode.Manual, spec.Deployment.Mode);
    }

    [Fact]
    public void Parse_ContractAndMonitoringSections_Read()
    {
        PipelineSpec spec = PipelineSpecSerializer.Parse("""
            { "label": "y", "columns": { "zip": { "kind": "categorical" }, "notes": { "kind": "text" } }, "missingValues": ["", "-"],
              "validation": { "maxTypeErrorRate": 0.05, "failOnLeakage": false },
              "monitoring": { "window": "06:00:00", "drift": { "method": "psi" }, "retrain": { "enabled": true, "cooldown": "2.00:00:00" } },
              "budget": { "monthly": 200, "perRun": 2.5, "alertAt": [0.5, 0.9], "enforce": false } }
            """);

        Assert.Equal(MlOps.Core.Data.Inference.ColumnKind.Categorical, spec.Columns["zip"].Kind);
        Assert.Equal(["", "-"], spec.MissingValues);
        Assert.False(spec.Validation.FailOnLeakage);
        Assert.Equal(TimeSpan.FromHours(6), spec.Monitoring.Window);
        Assert.Equal("psi", spec.Monitoring.Drift.Method);
        Assert.Equal(TimeSpan.FromDays(2), spec.Monitoring.Retrain.Cooldown);
        Assert.Equal(200, spec.Budget.Monthly);
        Assert.Equal(2.5, spec.Budget.PerRun);
        Assert.False(spec.Budget.Enforce);
    }

    [Fact]
    public void Parse_UnknownField_NamesTheField()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecSerializer.Parse("""{ "label": "y", "lable2": 1 }"""));
        Assert.Equal("lable2", error.Field);
        Assert.Contains("not a known field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownNestedField_NamesTheField()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecSerializer.Parse("""{ "label": "y", "split": { "tst": 0.2 } }"""));
        Assert.Equal("tst", error.Field);
    }

    [Theory]
    [InlineData("""{ "label": "y", "split": { "test": 1.5 } }""", "split.test")]
    [InlineData("""{ "label": "" }""", "label")]
    [InlineData("""{ "label": "y", "training": { "trainers": [ { "name": "Magic" } ] } }""", "training.trainers[0].name")]
    [InlineData("""{ "label": "y", "ignore": ["y"] }""", "ignore")]
    [InlineData("""{ "label": "y", "split": { "test": 0.5, "validation": 0.45 } }""", "split")]
    [InlineData("""{ "label": "y", "validation": { "maxTypeErrorRate": 2 } }""", "validation.maxTypeErrorRate")]
    [InlineData("""{ "label": "y", "monitoring": { "drift": { "method": "eyeball" } } }""", "monitoring.drift.method")]
    [InlineData("""{ "label": "y", "monitoring": { "serving": { "maxErrorRate": 1.5 } } }""", "monitoring.serving.maxErrorRate")]
    [InlineData("""{ "label": "y", "monitoring": { "serving": { "minRequests": 0 } } }""", "monitoring.serving")]
    [InlineData("""{ "label": "y", "budget": { "monthly": -5 } }""", "budget.monthly")]
    [InlineData("""{ "label": "y", "budget": { "perRun": 0 } }""", "budget.perRun")]
    [InlineData("""{ "label": "y", "budget": { "currency": "dollars" } }""", "budget.currency")]
    [InlineData("""{ "label": "y", "training": { "maxParallel": 0 } }""", "training.maxParallel")]
    [InlineData("""{ "label": "y", "gates": { "maxServingCostIncrease": -0.1 } }""", "gates.maxServingCostIncrease")]
    [InlineData("""{ "label": "y", "gates": { "minimumGainPerDollar": -1 } }""", "gates.minimumGainPerDollar")]
    [InlineData("""{ "label": "y", "columns": { "y": { "kind": "ignore" } } }""", "columns.y.kind")]
    [InlineData("""{ "label": "y", "training": { "folds": 1 } }""", "training.folds")]
    [InlineData("""{ "label": "y", "training": { "selectionMetric": "r2" } }""", "training.selectionMetric")]
    [InlineData("""{ "label": "y", "training": { "threshold": 1.5 } }""", "training.threshold")]
    [InlineData("""{ "label": "y", "training": { "threshold": 0 } }""", "training.threshold")]
    [InlineData("""{ "label": "y", "task": "multiclass", "training": { "threshold": "maxF1" } }""", "training.threshold")]
    [InlineData("""{ "label": "y", "task": "regression", "training": { "classWeights": "balanced" } }""", "training.classWeights")]
    public void Parse_InvalidValue_NamesTheField(string json, string field)
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecSerializer.Parse(json));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Parse_WrongType_NamesThePath()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecSerializer.Parse("""{ "label": "y", "task": "clustering" }"""));
        Assert.Contains("task", error.Field, StringComparison.Ordinal);
        Assert.Contains("invalid value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "label": "y", "training": { "threshold": "best" } }""", "training.threshold", "\"maxF1\" or \"balanced\"")]
    [InlineData("""{ "label": "y", "training": { "classWeights": "heavy" } }""", "training.classWeights", "invalid value")]
    public void Parse_UnknownThresholdOrWeighting_NamesThePathAndTheChoices(string json, string path, string hint)
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecSerializer.Parse(json));
        Assert.Contains(path, error.Field, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_RoundTrips()
    {
        var spec = new PipelineSpec { Label = "y", Task = ModelTask.Regression, Split = new SplitSpec { Seed = 3 } };
        Assert.Equal(spec.Split, PipelineSpecSerializer.Parse(PipelineSpecSerializer.Serialize(spec)).Split);
    }

    [Theory]
    [InlineData("0.3", ThresholdRule.Fixed, 0.3)]
    [InlineData("\"maxF1\"", ThresholdRule.MaxF1, 0.5)]
    [InlineData("\"balanced\"", ThresholdRule.Balanced, 0.5)]
    public void Parse_Threshold_NumberOrRuleAndRoundTrips(string json, ThresholdRule rule, double value)
    {
        PipelineSpec spec = PipelineSpecSerializer.Parse($$"""{ "label": "y", "training": { "threshold": {{json}}, "classWeights": "balanced" } }""");

        Assert.Equal(rule, spec.Training.Threshold!.Rule);
        Assert.Equal(value, spec.Training.Threshold.Value);
        Assert.Equal(ClassWeighting.Balanced, spec.Training.ClassWeights);
        PipelineSpec again = PipelineSpecSerializer.Parse(PipelineSpecSerializer.Serialize(spec));
        Assert.Equal(spec.Training.Threshold, again.Training.Threshold);
        Assert.Equal(ClassWeighting.Balanced, again.Training.ClassWeights);
    }

    [Fact]
    public void Parse_StoredSpecWithEarlierNames_ReadsThemAsToday()
    {
        // A spec stored before selectionMetric and scikit-learn's metric names: primaryMetric, macroAccuracy, microAccuracy.
        PipelineSpec spec = PipelineSpecSerializer.Parse("""
            { "task": "multiclass", "label": "y", "training": { "primaryMetric": "macroAccuracy" },
              "gates": { "minimums": { "microAccuracy": 0.8 } }, "monitoring": { "decay": { "metric": "macroAccuracy" } } }
            """);

        Assert.Equal("balancedAccuracy", spec.Training.SelectionMetric);
        Assert.Equal(0.8, spec.Gates.Minimums["accuracy"]);
        Assert.Equal("balancedAccuracy", spec.Monitoring.Decay.Metric);
        string written = PipelineSpecSerializer.Serialize(spec);
        Assert.DoesNotContain("primaryMetric", written, StringComparison.Ordinal);
        Assert.Contains("\"selectionMetric\": \"balancedAccuracy\"", written, StringComparison.Ordinal);
    }
}
