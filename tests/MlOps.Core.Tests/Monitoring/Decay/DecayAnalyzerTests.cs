using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Decay;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Registry;
using MlOps.Core.Serving;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using static MlOps.Core.Tests.Monitoring.MonitoringData;

namespace MlOps.Core.Tests.Monitoring.Decay;

public sealed class DecayAnalyzerTests
{
    private static readonly MonitoringWindow Window = new(Start, Start.AddDays(1));

    [Fact]
    public async Task Analyze_PredictionsWrongOnPurpose_ShowsADropAndDecays()
    {
        Table data = BreastCancer();
        List<LabelledPrediction> joined = await JoinAsync(data, row => Answer(row, wrong: true));

        DecayReport report = DecayAnalyzer.Analyze(joined, Version(data), Spec(), Window, Start.AddDays(1), labelsRead: data.Rows.Count);

        Assert.Equal(DecayVerdict.Decayed, report.Verdict);
        Assert.True(report.Decayed);
        Assert.Equal("auc", report.Metric);
        Assert.Equal(0.0, report.Live!.Value, 12);
        Assert.Equal(0.99, report.Test);
        Assert.Equal(0.99, report.Drop!.Value, 12);
        Assert.Equal(data.Rows.Count, report.Labelled);
        Assert.Equal(0.0, report.LiveMetrics["accuracy"], 12);
    }

    [Fact]
    public async Task Analyze_PredictionsThatMatchTheLabels_IsHealthy()
    {
        Table data = BreastCancer();
        List<LabelledPrediction> joined = await JoinAsync(data, row => Answer(row, wrong: false));

        DecayReport report = DecayAnalyzer.Analyze(joined, Version(data), Spec(), Window, Start.AddDays(1));

        Assert.Equal(DecayVerdict.Healthy, report.Verdict);
        Assert.Equal(1.0, report.Live);
        Assert.True(report.Drop < 0);
        Assert.Equal(1.0, report.LiveMetrics["f1"]);
    }

    [Fact]
    public async Task Analyze_FewerLabelsThanTheMinimum_GivesNoVerdict()
    {
        Table data = BreastCancer() with { Rows = [.. BreastCancer().Rows.Take(20)] };
        List<LabelledPrediction> joined = await JoinAsync(data, row => Answer(row, wrong: true));

        DecayReport report = DecayAnalyzer.Analyze(joined, Version(data), Spec(), Window, Start.AddDays(1));

        Assert.Equal(DecayVerdict.InsufficientLabels, report.Verdict);
        Assert.False(report.Decayed);
        Assert.Contains("at least 50", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_WatchedMetricFromTheDecaySpec_LowerIsBetterComparesTheOtherWay()
    {
        Table data = BreastCancer();
        List<LabelledPrediction> joined = await JoinAsync(data, row => Answer(row, wrong: false));
        PipelineSpec spec = Spec() with { Monitoring = new MonitoringSpec { Decay = new DecaySpec { Metric = "logLoss", MaxDrop = 0.05 } } };
        ModelVersionRecord version = Version(data) with { Metrics = new Dictionary<string, double> { ["logLoss"] = 0.05 } };

        DecayReport report = DecayAnalyzer.Analyze(joined, version, spec, Window, Start.AddDays(1));

        // Probabilities 0.9/0.1 on the right side: log loss ln(1/0.9) = 0.105, worse than 0.05 by 0.055.
        Assert.Equal(-Math.Log(0.9), report.Live!.Value, 12);
        Assert.Equal(-Math.Log(0.9) - 0.05, report.Drop!.Value, 12);
        Assert.Equal(DecayVerdict.Decayed, report.Verdict);
    }

    [Fact]
    public async Task Analyze_RowsOfOtherVersionsAndUnknownLabels_AreLeftOutAndCounted()
    {
        Table data = BreastCancer();
        List<LabelledPrediction> joined = await JoinAsync(data, row => Answer(row, wrong: false));
        joined[0] = joined[0] with { Prediction = joined[0].Prediction with { Version = 7 } };
        joined[1] = joined[1] with { Label = "unsure" };

        DecayReport report = DecayAnalyzer.Analyze(joined, Version(data), Spec(), Window, Start.AddDays(1));

        Assert.Equal(1, report.LabelledOtherVersions);
        Assert.Equal(1, report.Unusable);
        Assert.Equal(data.Rows.Count - 2, report.LiveMetrics["rows"]);
    }

    [Fact]
    public void Analyze_MulticlassWithoutLoggedProbabilities_ScoresPredictedLabelsWithoutLogLoss()
    {
        var layout = new FeatureLayout { Task = ModelTask.Multiclass, Label = "y", Columns = ["x", "y"], NumericFeatures = ["x"], Classes = ["a", "b", "c"] };
        string[] truth = ["a", "b", "c", "a", "b", "c"];
        string[] predicted = ["a", "b", "c", "a", "c", "b"];
        List<LabelledPrediction> joined = [.. truth.Select((label, i) => new LabelledPrediction(Prediction(i, new Prediction(predicted[i], 0.9, 0.9)), label))];
        // Stored under the metric's earlier name (macroAccuracy), which reads as today's (balancedAccuracy).
        ModelVersionRecord version = Version(layout, new Dictionary<string, double> { ["macroAccuracy"] = 0.9 });

        DecayReport report = DecayAnalyzer.Analyze(joined, version, Spec(ModelTask.Multiclass, minLabels: 5), Window, Start);

        Assert.Equal("balancedAccuracy", report.Metric);
        Assert.Equal(0.9, report.Test);
        Assert.Equal(4.0 / 6, report.Live!.Value, 12);
        Assert.Equal(4.0 / 6, report.LiveMetrics["accuracy"], 12);
        Assert.False(report.LiveMetrics.ContainsKey("logLoss"));
        Assert.Equal(DecayVerdict.Decayed, report.Verdict);
    }

    [Fact]
    public void Analyze_Regression_ComputesErrorsAgainstNumericLabels()
    {
        var layout = new FeatureLayout { Task = ModelTask.Regression, Label = "y", Columns = ["x", "y"], NumericFeatures = ["x"] };
        List<LabelledPrediction> joined = [.. Enumerable.Range(0, 10).Select(i => new LabelledPrediction(Prediction(i, new Prediction(string.Empty, i + 1.0, null)), i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        ModelVersionRecord version = Version(layout, new Dictionary<string, double> { ["r2"] = 0.95, ["rmse"] = 0.5 });

        DecayReport report = DecayAnalyzer.Analyze(joined, version, Spec(ModelTask.Regression, minLabels: 10), Window, Start);

        Assert.Equal(1.0, report.LiveMetrics["rmse"], 12);
        Assert.Equal(1.0, report.LiveMetrics["mae"], 12);
        Assert.Equal(1 - (10.0 / 82.5), report.Live!.Value, 12);
        Assert.Equal(DecayVerdict.Decayed, report.Verdict);
    }

    [Fact]
    public async Task Analyze_MetricMissingFromTheTestMetrics_IsNotComparable()
    {
        Table data = BreastCancer();
        List<LabelledPrediction> joined = await JoinAsync(data, row => Answer(row, wrong: false));
        ModelVersionRecord version = Version(data) with { Metrics = [] };

        DecayReport report = DecayAnalyzer.Analyze(joined, version, Spec(), Window, Start);

        Assert.Equal(DecayVerdict.NotComparable, report.Verdict);
        Assert.Null(report.Drop);
    }

    /// <summary>A confident answer: right (0.9 on the true class) or wrong on purpose (0.1).</summary>
    private static Prediction Answer(Dictionary<string, object?> row, bool wrong)
    {
        bool malignant = (string)row["diagnosis"]! == "malignant";
        double probability = malignant ^ wrong ? 0.9 : 0.1;
        return new Prediction(probability >= 0.5 ? "malignant" : "benign", probability, probability);
    }

    /// <summary>Logs every row, labels every row, and joins them the way the monitor does.</summary>
    private static async Task<List<LabelledPrediction>> JoinAsync(Table data, Func<Dictionary<string, object?>, Prediction> answer)
    {
        List<LoggedPrediction> logged = Logged(data, "diagnosis", answer);
        var labels = new FeedbackLabels();
        for (int i = 0; i < data.Rows.Count; i++)
        {
            labels.Add($"r{i}", 0, (string)data.Rows[i]["diagnosis"]!);
        }

        return await FeedbackJoin.JoinAsync(labels, logged.ToAsyncEnumerable()).ToListAsync();
    }

    private static ModelVersionRecord Version(Table data) =>
        Version(BreastCancerLayout(data), new Dictionary<string, double> { ["auc"] = 0.99, ["accuracy"] = 0.95 });

    private static ModelVersionRecord Version(FeatureLayout layout, Dictionary<string, double> metrics) => new()
    {
        Model = "m", Version = 1, RunId = "run", ArtifactPath = "m/1/model.zip", Sha256 = "00", Trainer = "FastTree", Layout = layout, Metrics = metrics,
    };

    private static PipelineSpec Spec(ModelTask task = ModelTask.Binary, int minLabels = 50) =>
        new() { Task = task, Monitoring = new MonitoringSpec { Decay = new DecaySpec { MinLabels = minLabels } } };

    private static LoggedPrediction Prediction(int row, Prediction prediction) =>
        Logged(Line(new Dictionary<string, object?> { ["x"] = 1.0 }, "q", row, Start, prediction));
}
