using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using static MlOps.Core.Tests.Monitoring.MonitoringData;

namespace MlOps.Core.Tests.Monitoring.Drift;

/// <summary>Drift reports to plot: a reference table profiled, a current one accumulated as logged predictions, and the analysis of both.</summary>
internal static class DriftPlotSample
{
    public static async Task<(DriftReport Report, DatasetProfile Profile, WindowAccumulator Accumulator)> AnalyzeAsync(Table reference, Table current, FeatureLayout layout)
    {
        DatasetProfile profile = await ProfileAsync(reference);
        var accumulator = WindowAccumulator.For(layout, new DriftSpec());
        foreach (LoggedPrediction row in Logged(current, layout.Label))
        {
            accumulator.Add(row);
        }

        var context = new DriftContext { Model = "m", Window = new MonitoringWindow(Start, Start.AddDays(1)) };
        return (DriftAnalyzer.Analyze(profile, layout, accumulator, new DriftSpec(), context), profile, accumulator);
    }

    /// <summary>Three panels of breast cancer features, 80% of the rows against the rest.</summary>
    public static async Task<byte[]> RenderBreastCancerAsync()
    {
        Table data = BreastCancer();
        (Table reference, Table current) = Split(data, 0.8, seed: 3);
        (DriftReport report, DatasetProfile profile, WindowAccumulator accumulator) = await AnalyzeAsync(reference, current, BreastCancerLayout(data));
        return DriftPlot.RenderPng(report, profile, accumulator, top: 3);
    }
}
