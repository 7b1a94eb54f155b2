using MlOps.Core.Data.Privacy;
using MlOps.Core.Data.Validation;
using MlOps.Core.Evaluation;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Registry;
using MlOps.Core.Registry.Cards;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Registry.Cards;

public sealed class ModelCardComposerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ModelVersionRecord Version = new()
    {
        Model = "bc", Version = 2, RunId = "bc-run-2", DatasetVersion = "abc123", SpecVersion = 3, ArtifactPath = "bc/2/model.zip", Sha256 = "ff",
        Trainer = "LightGbm", Parameters = new() { ["numberOfIterations"] = 40 }, Metrics = new() { ["auc"] = 0.97, ["f1"] = 0.9 }, Threshold = 0.42,
        CrossValidation = new CrossValidationSummary { Folds = 5, Rows = 400, Metrics = new() { ["auc"] = new MetricSpread(0.96, 0.01) } },
        Layout = new FeatureLayout { Task = ModelTask.Binary, Label = "y", Columns = ["x", "email", "y"], NumericFeatures = ["x"] },
        Importance = [new FeatureImportance("x", 0.2)], CreatedAt = Start,
    };

    private static readonly SpecVersionRecord Spec = new()
    {
        Model = "bc", Version = 3, Sha256 = "s",
        Spec = new PipelineSpec
        {
            Label = "y", Pii = new() { ["email"] = PiiAction.Hash },
            Training = new TrainingSpec
            {
                Trainers = [new TrainerSpec { Name = "LightGbm" }, new TrainerSpec { Name = "FastTree" }], SelectionMetric = "auc", Folds = 5,
                Threshold = new ThresholdSpec(ThresholdRule.MaxF1), ClassWeights = ClassWeighting.Balanced,
            },
        },
    };

    private static readonly RunRecord Run = new()
    {
        RunId = "bc-run-2", Model = "bc", DatasetBlob = "bc/b.csv", Status = RunStatus.Succeeded, Reason = "promoted",
        Decision = new GateDecision
        {
            Passed = true, PrimaryMetric = "auc", Rule = "challenger ≥ champion",
            Overfit = new OverfitAssessment("auc", 1.0, 0.97, 0.03, 0.02, OverfitAction.Warn),
        },
    };

    private static readonly ValidationReport Validation = new()
    {
        Source = "devdatasets/bc/b.csv", DatasetVersion = "abc123", SpecVersion = 3, Rows = 500, LabelledRows = 498, Columns = 3,
        Splits = new SplitSizes(348, 75, 75),
        PersonalData = [new PiiColumn("email", PiiPattern.Email, 0.98, 500)],
        Findings =
        [
            new ValidationFinding("class-imbalance", ValidationSeverity.Warning, "'y': the rarest class has 9% of the rows", "y", 0.09, 0.1),
            new ValidationFinding("rows", ValidationSeverity.Info, "500 rows"),
        ],
    };

    [Fact]
    public void Compose_StoredRecords_CarriesDataChoicesMetricsAndPersonalDataDecisions()
    {
        ModelCard card = ModelCardComposer.Compose(Version, Run, Spec, Validation, [], []);

        Assert.Equal(("bc", 2, ModelTask.Binary, "y"), (card.Model, card.Version, card.Task, card.Label));
        Assert.Equal(("abc123", "devdatasets/bc/b.csv", 500L, 498L, 3), (card.Data.DatasetVersion, card.Data.Source, card.Data.Rows, card.Data.LabelledRows, card.Data.Columns));
        Assert.Equal(("devdatasets", "bc/b.csv"), (card.Data.Container, card.Data.Blob)); // the prefix "dev" runs into the container's name, not into the blob
        Assert.Equal(new SplitSizes(348, 75, 75), card.Data.Splits);
        Assert.Equal(new ModelCardPersonalColumn("email", PiiPattern.Email, 0.98, PiiAction.Hash), Assert.Single(card.Data.PersonalData));
        Assert.Equal(("LightGbm", 40.0, "auc", "maxF1", ClassWeighting.Balanced, 5), (card.Training.Trainer, card.Training.Parameters["numberOfIterations"],
            card.Training.SelectionMetric, card.Training.ThresholdRule, card.Training.ClassWeights, card.Training.Folds));
        Assert.Equal(["LightGbm", "FastTree"], card.Training.TrainersSearched);
        Assert.Equal(0.97, card.Evaluation.Metrics["auc"]);
        Assert.Equal(new MetricSpread(0.96, 0.01), card.Evaluation.CrossValidation!.Metrics["auc"]);
        Assert.Equal(0.42, card.Evaluation.Threshold);
        Assert.Equal("x", Assert.Single(card.Evaluation.Importance).Feature);
        Assert.Equal(RunStatus.Succeeded, card.Decision!.Status);
    }

    [Fact]
    public void Compose_OverfitImbalanceAndDrift_ListedAsLimitationsOfThisVersionOnly()
    {
        DriftReportSummary drifted = Drift(version: 2, day: 2, drifted: true);
        DriftReportSummary stable = Drift(version: 2, day: 1, drifted: false);
        DriftReportSummary otherVersion = Drift(version: 1, day: 3, drifted: true);

        ModelCard card = ModelCardComposer.Compose(Version, Run, Spec, Validation, [stable, otherVersion, drifted], []);

        Assert.Equal(["overfit", "class-imbalance", "drift"], card.Limitations.Select(l => l.Kind));
        Assert.Contains("gap 0.0300 exceeds the maximum 0.0200", card.Limitations[0].Message, StringComparison.Ordinal);
        Assert.Equal("y", card.Limitations[1].Column);
        Assert.Contains("3 of 30 columns drifted (x)", card.Limitations[2].Message, StringComparison.Ordinal);
        Assert.Equal([drifted.Id, stable.Id], card.DriftHistory.Select(d => d.Id)); // this version's, newest first
    }

    [Fact]
    public void Compose_PromotionHistory_KeepsMovesToAndFromThisVersionNewestFirst()
    {
        PromotionRecord toTwo = Promotion(1, 2, hour: 1, by: "alice");
        PromotionRecord fromTwo = Promotion(2, 3, hour: 2, by: "bob");
        PromotionRecord unrelated = Promotion(null, 1, hour: 0, by: "system");

        ModelCard card = ModelCardComposer.Compose(Version, Run, Spec, Validation, [], [toTwo, unrelated, fromTwo]);

        Assert.Equal(["bob", "alice"], card.Promotions.Select(p => p.By));
    }

    [Fact]
    public void Compose_OnlyTheVersion_StillACardWithWhatTheVersionHolds()
    {
        ModelCard card = ModelCardComposer.Compose(Version with { SpecVersion = null }, run: null, spec: null, validation: null, [], []);

        Assert.Equal("LightGbm", card.Training.Trainer);
        Assert.Equal("abc123", card.Data.DatasetVersion);
        Assert.Null(card.Data.Rows);
        Assert.Null(card.Training.ThresholdRule);
        Assert.Empty(card.Limitations);
        Assert.Null(card.Decision);
    }

    [Fact]
    public void Compose_RunWithoutValidationReport_BlobKnownContainerNot()
    {
        ModelCard card = ModelCardComposer.Compose(Version, Run, Spec, validation: null, [], []);

        Assert.Equal(("bc/b.csv", null, "bc/b.csv"), (card.Data.Source, card.Data.Container, card.Data.Blob));
    }

    private static DriftReportSummary Drift(int version, int day, bool drifted)
    {
        var window = new MonitoringWindow(Start.AddDays(day), Start.AddDays(day).AddHours(1));
        return new DriftReportSummary
        {
            Id = window.Id, Model = "bc", Version = version, Window = window, CreatedAt = window.End, Rows = 100, ColumnsCompared = 30,
            ColumnsDrifted = drifted ? 3 : 0, DatasetDrifted = drifted, MostDrifted = drifted ? ["x"] : [], ReportBlob = "r",
        };
    }

    private static PromotionRecord Promotion(int? from, int to, int hour, string by) =>
        new() { Model = "bc", Alias = ModelRegistry.Production, FromVersion = from, ToVersion = to, At = Start.AddHours(hour), By = by };
}
