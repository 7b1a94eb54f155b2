using System.Text;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring.Decay;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Serving;
using MlOps.Core.Training;
using static MlOps.Core.Tests.Monitoring.MonitoringData;

namespace MlOps.Core.Tests.Monitoring.Decay;

public sealed class FeedbackJoinTests
{
    [Fact]
    public async Task JoinAsync_LabelsForSomeRows_YieldsExactlyTheLabelledPredictions()
    {
        LoggedPrediction[] logged =
        [
            Logged(Line(new Dictionary<string, object?> { ["x"] = 1.0 }, "r1", 0, Start, new Prediction("no", 0, 0.2))),
            Logged(Line(new Dictionary<string, object?> { ["x"] = 2.0 }, "r1", 1, Start, new Prediction("no", 0, 0.2))),
            Logged(Line(new Dictionary<string, object?> { ["x"] = 3.0 }, "r2", 0, Start, new Prediction("no", 0, 0.2))),
        ];
        var labels = new FeedbackLabels();
        labels.Add("r1", 1, "yes");
        labels.Add("r2", 0, "no");
        labels.Add("r3", 0, "no");

        List<LabelledPrediction> joined = await FeedbackJoin.JoinAsync(labels, logged.ToAsyncEnumerable()).ToListAsync();

        Assert.Equal([("r1", 1, "yes"), ("r2", 0, "no")], joined.Select(j => (j.Prediction.RequestId, j.Prediction.Row, j.Label)));
    }

    [Fact]
    public async Task WriteTrainingCsvAsync_JoinedRows_WritesTheLayoutsColumnsWithTheLabel()
    {
        var layout = new FeatureLayout
        {
            Label = "y", Columns = ["x", "color", "y", "note"], NumericFeatures = ["x"], CategoricalFeatures = ["color"], Classes = ["no", "yes"], PositiveClass = "yes",
        };
        LabelledPrediction[] rows =
        [
            new(Logged(Line(new Dictionary<string, object?> { ["x"] = 1.5, ["color"] = "red, dark", ["note"] = "a \"b\"" }, "r1", 0, Start, new Prediction("no", 0, 0.2))), "yes"),
            new(Logged(Line(new Dictionary<string, object?> { ["x"] = null, ["color"] = "blue" }, "r2", 0, Start, new Prediction("no", 0, 0.2))), "no"),
        ];
        using var output = new MemoryStream();

        long written = await FeedbackJoin.WriteTrainingCsvAsync(rows.ToAsyncEnumerable(), layout, output);

        Assert.Equal(2, written);
        Assert.Equal("x,color,y,note\n1.5,\"red, dark\",yes,\"a \"\"b\"\"\"\n,blue,no,\n", Encoding.UTF8.GetString(output.ToArray()));

        // The export reads back as a dataset: the profiler sees the same columns, kinds and values.
        byte[] csv = output.ToArray();
        DatasetProfile profile = await new DatasetProfiler().ProfileAsync(new CsvDatasetSource(() => new MemoryStream(csv), "feedback.csv"));
        Assert.Equal(2, profile.RowCount);
        Assert.Equal(1, profile.Column("x").Missing);
        Assert.Equal(1.5, profile.Column("x").Numeric!.Max);
    }
}
