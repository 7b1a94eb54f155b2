using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Monitoring.Statistics;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using static MlOps.Core.Tests.Monitoring.MonitoringData;

namespace MlOps.Core.Tests.Monitoring.Drift;

public sealed class DriftAnalyzerTests
{
    private static readonly MonitoringWindow Window = new(Start, Start.AddDays(1));

    private static DriftContext Context => new() { Model = "m", Version = 1, Window = Window, CreatedAt = Start.AddDays(1) };

    [Fact]
    public async Task Analyze_HeldBackSliceOfTheTrainingData_FindsNoDatasetDrift()
    {
        Table data = BreastCancer();
        (Table reference, Table heldBack) = Split(data, 0.8, seed: 7);
        FeatureLayout layout = BreastCancerLayout(data);
        DriftReport report = Analyze(await ProfileAsync(reference), layout, Logged(heldBack, "diagnosis"), new DriftSpec());

        Assert.False(report.DatasetDrifted);
        Assert.Equal(30, report.ColumnsCompared);
        Assert.True(report.ColumnsDrifted <= 3, $"{report.ColumnsDrifted} columns drifted: {string.Join(", ", report.MostDrifted)}");

        // 455 reference rows <= 1,000: every column is judged by a KS test, on all of the window's rows.
        Assert.All(report.Columns, c => Assert.Equal(DriftMethod.Ks, c.Method));
        Assert.All(report.Columns, c => Assert.Equal(heldBack.Rows.Count, c.CurrentCompared));
        Assert.False(report.Sampled);
        Assert.Equal(heldBack.Rows.Count, report.Rows);
    }

    [Fact]
    public async Task Analyze_FewColumnsShiftedByOneStd_FlagsExactlyThoseAsMostDrifted()
    {
        Table data = BreastCancer();
        (Table reference, Table heldBack) = Split(data, 0.8, seed: 7);
        string[] shifted = ["mean_radius", "worst_area", "texture_error"];
        Table current = Shift(heldBack, shifted, reference, standardDeviations: 1.0);
        DriftReport report = Analyze(await ProfileAsync(reference), BreastCancerLayout(data), Logged(current, "diagnosis"), new DriftSpec());

        Assert.Equal(shifted.Order(), report.MostDrifted.Take(3).Order());
        Assert.All(report.Columns.Take(3), c => Assert.True(c.PValue < 1e-6, $"{c.Column}: p = {c.PValue}"));
        Assert.False(report.DatasetDrifted);
    }

    [Fact]
    public async Task Analyze_MostColumnsShifted_FlagsDatasetDrift()
    {
        Table data = BreastCancer();
        (Table reference, Table heldBack) = Split(data, 0.8, seed: 7);
        string[] shifted = [.. data.Columns.Where(c => c != "diagnosis").Take(20)];
        Table current = Shift(heldBack, shifted, reference, standardDeviations: 0.8);
        DriftReport report = Analyze(await ProfileAsync(reference), BreastCancerLayout(data), Logged(current, "diagnosis"), new DriftSpec());

        Assert.True(report.DatasetDrifted);
        Assert.True(report.ColumnsDrifted >= 20);
        Assert.Equal(report.ColumnsDrifted / 30.0, report.DriftedShare, 12);
    }

    [Fact]
    public async Task Analyze_ReshuffledCategory_FlagsTheCategoricalColumn()
    {
        Table reference = Mixed(800, numeric: 2, seed: 1);
        Table current = Mixed(300, numeric: 2, seed: 2, colorWeights: [0.1, 0.2, 0.3, 0.4]);
        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 2), Logged(current, "y"), new DriftSpec());

        ColumnDrift color = report.Columns[0];
        Assert.Equal("color", color.Column);
        Assert.Equal(DriftMethod.ChiSquared, color.Method);
        Assert.True(color.Drifted);
        Assert.Equal(color.Categorical!.ChiSquaredPValue, color.PValue);
        Assert.False(report.Columns.Single(c => c.Column == "size").Drifted);
    }

    [Fact]
    public async Task Analyze_UnseenCategory_CountsItAsOtherAndListsIt()
    {
        Table reference = Mixed(500, numeric: 1, seed: 1);
        Table current = Mixed(200, numeric: 1, seed: 2, colors: ["red", "purple"], colorWeights: [0.5, 0.5]);
        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 1), Logged(current, "y"), new DriftSpec());

        ColumnDrift color = report.Columns.Single(c => c.Column == "color");
        Assert.True(color.Drifted);
        Assert.Equal("purple", Assert.Single(color.CategoriesOutsideReference!).Value);

        // Reference categories plus "other", which holds the purple rows.
        Assert.Equal(4, color.Categorical!.DegreesOfFreedom);
    }

    [Theory]
    [InlineData(0, DriftMethod.Wasserstein, DriftMethod.JensenShannon)]
    [InlineData(1, DriftMethod.Ks, DriftMethod.ChiSquared)]
    public async Task Analyze_ReferenceSizeAtTheSmallSampleBoundary_PicksTestsAtOrBelowAndDistancesAbove(int offset, DriftMethod numeric, DriftMethod categorical)
    {
        Table reference = Mixed(400, numeric: 2, seed: 1);
        Table current = Mixed(100, numeric: 2, seed: 2);

        // The rule looks at the reference column's size: 400 values against a boundary of 399 (distances) or 400 (tests).
        var spec = new DriftSpec { SmallSampleRows = 399 + offset };
        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 2), Logged(current, "y"), spec);

        Assert.All(report.Columns.Where(c => c.Kind == DriftColumnKind.Numeric), c => Assert.Equal(numeric, c.Method));
        Assert.All(report.Columns.Where(c => c.Kind == DriftColumnKind.Categorical), c => Assert.Equal(categorical, c.Method));
        Assert.All(report.Columns, c => Assert.Equal(400, c.ReferenceValues));
        Assert.All(report.Columns, c => Assert.Equal(offset == 1, c.PValue is not null));
    }

    [Fact]
    public async Task Analyze_LargeReference_UsesNormalisedWassersteinAndReportsEveryStatistic()
    {
        Table reference = Mixed(3000, numeric: 1, seed: 1);
        Table current = Mixed(500, numeric: 1, seed: 2, shift: 0.5);
        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 1), Logged(current, "y"), new DriftSpec());

        ColumnDrift x0 = report.Columns.Single(c => c.Column == "x0");
        Assert.Equal(DriftMethod.Wasserstein, x0.Method);
        Assert.Equal(x0.Numeric!.WassersteinNormalized, x0.Statistic);
        Assert.Null(x0.PValue);
        Assert.True(x0.Drifted);
        Assert.Equal(x0.Statistic!.Value / 0.1, x0.Score, 12);
        Assert.True(x0.Numeric.KsPValue < 1e-6);
        Assert.True(x0.Numeric.Psi > 0);
        Assert.True(x0.Numeric.JensenShannonDistance > 0);
    }

    [Theory]
    [InlineData("psi", DriftMethod.Psi, DriftMethod.Psi)]
    [InlineData("ks", DriftMethod.Ks, DriftMethod.ChiSquared)]
    [InlineData("wasserstein", DriftMethod.Wasserstein, DriftMethod.JensenShannon)]
    [InlineData("jensenShannon", DriftMethod.JensenShannon, DriftMethod.JensenShannon)]
    [InlineData("chiSquared", DriftMethod.Ks, DriftMethod.ChiSquared)]
    public async Task Analyze_MethodOverride_AppliesToEveryColumnWithItsCounterpart(string method, DriftMethod numeric, DriftMethod categorical)
    {
        Table reference = Mixed(400, numeric: 2, seed: 1);
        Table current = Mixed(100, numeric: 2, seed: 2);
        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 2), Logged(current, "y"), new DriftSpec { Method = method });

        Assert.Equal(DriftAnalyzer.ParseMethod(method), report.MethodOverride);
        Assert.All(report.Columns.Where(c => c.Kind == DriftColumnKind.Numeric), c => Assert.Equal(numeric, c.Method));
        Assert.All(report.Columns.Where(c => c.Kind == DriftColumnKind.Categorical), c => Assert.Equal(categorical, c.Method));
    }

    [Fact]
    public async Task Analyze_PsiOverride_JudgesByThePsiThreshold()
    {
        Table reference = Mixed(400, numeric: 1, seed: 1);
        Table current = Mixed(200, numeric: 1, seed: 2, shift: 1.0);
        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 1), Logged(current, "y"), new DriftSpec { Method = "psi", PsiThreshold = 0.2 });

        ColumnDrift x0 = report.Columns.Single(c => c.Column == "x0");
        Assert.Equal(x0.Numeric!.Psi, x0.Statistic);
        Assert.Equal(0.2, x0.Threshold);
        Assert.Equal(x0.Statistic > 0.2, x0.Drifted);
        Assert.True(x0.Drifted);
    }

    [Fact]
    public void ParseMethod_UnknownName_Throws() =>
        Assert.Throws<ArgumentException>(() => DriftAnalyzer.ParseMethod("anderson"));

    [Fact]
    public async Task Analyze_InvalidThreshold_Throws()
    {
        Table reference = Mixed(50, numeric: 1, seed: 1);
        DatasetProfile profile = await ProfileAsync(reference);
        var accumulator = new WindowAccumulator(MixedLayout(reference, 1), 100);
        Assert.Throws<ArgumentException>(() => DriftAnalyzer.Analyze(profile, accumulator.Layout, accumulator, new DriftSpec { PValueThreshold = 1.5 }, Context));
    }

    [Fact]
    public async Task Analyze_CapAtLeastTheWindow_IsExactOnAllRows()
    {
        Table reference = Mixed(400, numeric: 1, seed: 1);
        Table current = Mixed(250, numeric: 1, seed: 2);
        DatasetProfile profile = await ProfileAsync(reference);
        DriftReport report = Analyze(profile, MixedLayout(reference, 1), Logged(current, "y"), new DriftSpec { SampleCap = 250 });

        ColumnDrift x0 = report.Columns.Single(c => c.Column == "x0");
        Assert.False(report.Sampled);
        Assert.Equal(250, report.SampleCap);
        Assert.Equal(ColumnDriftCalculator.ComputeNumeric([.. profile.Column("x0").Numeric!.Sample], current.Numbers("x0")), x0.Numeric);
    }

    [Fact]
    public async Task Analyze_CapBelowTheWindow_SamplesAndRecordsTheCap()
    {
        Table reference = Mixed(400, numeric: 1, seed: 1);
        Table current = Mixed(1000, numeric: 1, seed: 2);
        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 1), Logged(current, "y"), new DriftSpec { SampleCap = 100 });

        ColumnDrift x0 = report.Columns.Single(c => c.Column == "x0");
        Assert.True(report.Sampled);
        Assert.Equal(100, report.SampleCap);
        Assert.True(x0.CurrentSampled);
        Assert.Equal(1000, x0.CurrentValues);
        Assert.Equal(100, x0.CurrentCompared);
        Assert.Equal(100, x0.Numeric!.CurrentCount);

        // Categories are counted exactly whatever the cap.
        Assert.Equal(1000, report.Columns.Single(c => c.Column == "color").CurrentCompared);
    }

    [Fact]
    public async Task Analyze_NumericColumnWithTwoValues_ComparesItAsCategories()
    {
        Table reference = Mixed(300, numeric: 1, seed: 1);
        Table current = Mixed(300, numeric: 1, seed: 2);
        foreach (Table table in new[] { reference, current })
        {
            foreach (Dictionary<string, object?> row in table.Rows)
            {
                row["x0"] = (double)row["x0"]! > (table == reference ? 0 : -0.5) ? 1.0 : 0.0;
            }
        }

        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 1), Logged(current, "y"), new DriftSpec());
        ColumnDrift x0 = report.Columns.Single(c => c.Column == "x0");
        Assert.True(x0.ComparedAsCategories);
        Assert.Equal(DriftMethod.ChiSquared, x0.Method);
        Assert.Equal(1, x0.Categorical!.DegreesOfFreedom);
        Assert.NotNull(x0.Numeric);
    }

    [Fact]
    public async Task Analyze_MissingAndMistypedValues_AreCountedAndLeftOut()
    {
        Table reference = Mixed(300, numeric: 1, seed: 1);
        Table current = Mixed(100, numeric: 1, seed: 2);
        current.Rows[0]["x0"] = null;
        current.Rows[1]["x0"] = "n/a";
        current.Rows[2]["x0"] = "12.5";
        current.Rows[3].Remove("color");
        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 1), Logged(current, "y"), new DriftSpec());

        ColumnDrift x0 = report.Columns.Single(c => c.Column == "x0");
        Assert.Equal(1, x0.CurrentMissing);
        Assert.Equal(1, x0.CurrentTypeErrors);
        Assert.Equal(98, x0.CurrentValues);
        Assert.Equal(1, report.Columns.Single(c => c.Column == "color").CurrentMissing);
    }

    [Fact]
    public async Task Analyze_ColumnWithoutValuesInTheWindow_IsSkippedWithAReason()
    {
        Table reference = Mixed(300, numeric: 2, seed: 1);
        Table current = Mixed(50, numeric: 2, seed: 2);
        foreach (Dictionary<string, object?> row in current.Rows)
        {
            row["x1"] = null;
        }

        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 2), Logged(current, "y"), new DriftSpec());
        ColumnDrift x1 = report.Columns[^1];
        Assert.Equal("x1", x1.Column);
        Assert.NotNull(x1.Skipped);
        Assert.Null(x1.Method);
        Assert.Equal(3, report.ColumnsCompared);
    }

    [Fact]
    public async Task Analyze_BinaryOutputsAgainstReferencePredictions_MeasuresPredictionDrift()
    {
        Table reference = Mixed(300, numeric: 1, seed: 1);
        Table current = Mixed(200, numeric: 1, seed: 2);
        var random = new Random(3);
        List<LoggedPrediction> rows = Logged(current, "y", _ => new MlOps.Core.Serving.Prediction("yes", 0, 0.6 + (0.4 * random.NextDouble())));
        var referencePredictions = ReferencePredictions.From(
            Enumerable.Range(0, 100).Select(i => new MlOps.Core.Serving.Prediction("no", 0, i / 100.0)), ModelTask.Binary, "v1 on its test split");

        DriftReport withReference = Analyze(await ProfileAsync(reference), MixedLayout(reference, 1), rows, new DriftSpec(), referencePredictions);
        DriftReport without = Analyze(await ProfileAsync(reference), MixedLayout(reference, 1), rows, new DriftSpec());

        Assert.Equal("probability", withReference.PredictionDrift.Column);
        Assert.Equal(DriftMethod.Ks, withReference.PredictionDrift.Method);
        Assert.True(withReference.PredictionDrift.Drifted);
        Assert.Equal(100, withReference.PredictionDrift.ReferenceCompared);
        Assert.Contains("reference predictions", without.PredictionDrift.Skipped, StringComparison.Ordinal);
        Assert.DoesNotContain(withReference.Columns, c => c.Column == "probability");
    }

    [Fact]
    public async Task Analyze_MulticlassOutputs_ComparesPredictedLabelCounts()
    {
        Table reference = Mixed(300, numeric: 1, seed: 1);
        Table current = Mixed(200, numeric: 1, seed: 2);
        FeatureLayout layout = MixedLayout(reference, 1) with { Task = ModelTask.Multiclass, Classes = ["a", "b", "c"], PositiveClass = null };
        List<LoggedPrediction> rows = Logged(current, "y", row => new MlOps.Core.Serving.Prediction((string)row["color"]! == "red" ? "a" : "c", 0.9, 0.9));
        var referencePredictions = new ReferencePredictions { Labels = [new CategoryCount("a", 50), new CategoryCount("b", 30), new CategoryCount("c", 20)] };

        DriftReport report = Analyze(await ProfileAsync(reference), layout, rows, new DriftSpec(), referencePredictions);
        Assert.Equal("predicted label", report.PredictionDrift.Column);
        Assert.Equal(DriftMethod.ChiSquared, report.PredictionDrift.Method);
        Assert.True(report.PredictionDrift.Drifted);
    }

    [Fact]
    public async Task Analyze_RowsOfTwoVersions_CountsRowsPerVersion()
    {
        Table reference = Mixed(300, numeric: 1, seed: 1);
        Table current = Mixed(30, numeric: 1, seed: 2);
        List<LoggedPrediction> rows = [.. Logged(current, "y", version: 1).Take(10), .. Logged(current, "y", version: 2).Skip(10)];
        DriftReport report = Analyze(await ProfileAsync(reference), MixedLayout(reference, 1), rows, new DriftSpec());

        Assert.Equal(10, report.RowsByVersion[1]);
        Assert.Equal(20, report.RowsByVersion[2]);
        Assert.Equal(Window.Id, report.Id);
    }

    private static DriftReport Analyze(
        DatasetProfile profile, FeatureLayout layout, IEnumerable<LoggedPrediction> rows, DriftSpec spec, ReferencePredictions? referencePredictions = null)
    {
        WindowAccumulator accumulator = WindowAccumulator.For(layout, spec);
        foreach (LoggedPrediction row in rows)
        {
            accumulator.Add(row);
        }

        return DriftAnalyzer.Analyze(profile, layout, accumulator, spec, Context, referencePredictions);
    }

    /// <summary>The table with <paramref name="columns"/> moved up by a multiple of their standard deviation in <paramref name="reference"/>.</summary>
    private static Table Shift(Table table, IEnumerable<string> columns, Table reference, double standardDeviations)
    {
        List<Dictionary<string, object?>> rows = [.. table.Rows.Select(r => new Dictionary<string, object?>(r))];
        foreach (string column in columns)
        {
            double[] values = reference.Numbers(column);
            double mean = values.Average();
            double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            foreach (Dictionary<string, object?> row in rows)
            {
                row[column] = (double)row[column]! + (standardDeviations * std);
            }
        }

        return table with { Rows = rows };
    }
}
