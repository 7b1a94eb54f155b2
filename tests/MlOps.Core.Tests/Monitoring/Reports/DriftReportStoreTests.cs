using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Decay;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Testing;
using static MlOps.Core.Tests.Monitoring.MonitoringData;

namespace MlOps.Core.Tests.Monitoring.Reports;

public sealed class DriftReportStoreTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public DriftReportStoreTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task SaveAsync_TwoWindows_ListsNewestFirstAndRoundTripsTheFullReport()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var store = new DriftReportStore(services.GetRequiredService<MlOpsStorage>());
        (DriftReport first, byte[] png) = await ReportAsync(new MonitoringWindow(Start, Start.AddDays(1)), shift: 0);
        (DriftReport second, _) = await ReportAsync(new MonitoringWindow(Start.AddDays(1), Start.AddDays(2)), shift: 1.0);

        await store.SaveAsync(first, png);
        DriftReportSummary saved = await store.SaveAsync(second);

        IReadOnlyList<DriftReportSummary> listed = await store.ListAsync("m");
        Assert.Equal([second.Id, first.Id], listed.Select(s => s.Id));
        Assert.Equivalent(saved, listed[0], strict: true);
        Assert.Equal(second.MostDrifted, listed[0].MostDrifted);
        Assert.Equal("m/drift/2026-11-28/" + first.Id + ".png", listed[1].PlotBlob);
        Assert.Null(listed[0].PlotBlob);

        DriftReport? loaded = await store.GetAsync("m", first.Window);
        Assert.NotNull(loaded);
        Assert.Equal(first.Window, loaded.Window);
        Assert.Equal(first.Columns.Select(c => (c.Column, c.Method, c.Statistic, c.Numeric, c.Categorical)), loaded.Columns.Select(c => (c.Column, c.Method, c.Statistic, c.Numeric, c.Categorical)));
        Assert.Equal(first.RowsByVersion, loaded.RowsByVersion);
        Assert.Equal(png, await store.GetPlotAsync("m", first.Window));
        Assert.Null(await store.GetAsync("m", new MonitoringWindow(Start.AddDays(5), Start.AddDays(6))));
    }

    [Fact]
    public async Task SaveAsync_SameWindowTwice_KeepsOneRow()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var store = new DriftReportStore(services.GetRequiredService<MlOpsStorage>());
        (DriftReport report, _) = await ReportAsync(new MonitoringWindow(Start, Start.AddHours(6)), shift: 0);

        await store.SaveAsync(report);
        await store.SaveAsync(report with { CreatedAt = Start.AddHours(7) });

        Assert.Equal(Start.AddHours(7), Assert.Single(await store.ListAsync("m")).CreatedAt);
    }

    [Fact]
    public async Task SaveDecayAsync_Reports_ListNewestFirstApartFromDriftReports()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var store = new DriftReportStore(services.GetRequiredService<MlOpsStorage>());
        DecayReport Decay(int day) => new()
        {
            Id = new MonitoringWindow(Start.AddDays(day), Start.AddDays(day + 1)).Id, Model = "m", Version = 2, Window = new MonitoringWindow(Start.AddDays(day), Start.AddDays(day + 1)),
            Metric = "auc", Live = 0.8, Test = 0.9, Drop = 0.1, Verdict = DecayVerdict.Decayed, Reason = "dropped", LiveMetrics = new Dictionary<string, double> { ["auc"] = 0.8 },
        };

        await store.SaveDecayAsync(Decay(0));
        await store.SaveDecayAsync(Decay(3));
        await store.SaveAsync((await ReportAsync(new MonitoringWindow(Start, Start.AddDays(1)), shift: 0)).Report);

        IReadOnlyList<DecayReport> decay = await store.ListDecayAsync("m", take: 5);
        Assert.Equal([Decay(3).Id, Decay(0).Id], decay.Select(d => d.Id));
        Assert.True(decay[0].Decayed);
        Assert.Equal(0.8, decay[0].LiveMetrics["auc"]);
        Assert.Single(await store.ListAsync("m"));
        Assert.Single(await store.ListDecayAsync("m", take: 1));
    }

    private static async Task<(DriftReport Report, byte[] Png)> ReportAsync(MonitoringWindow window, double shift)
    {
        Table reference = Mixed(300, numeric: 2, seed: 1);
        Table current = Mixed(100, numeric: 2, seed: 2, shift: shift);
        FeatureLayout layout = MixedLayout(reference, 2);
        DatasetProfile profile = await ProfileAsync(reference);
        var accumulator = WindowAccumulator.For(layout, new DriftSpec());
        foreach (LoggedPrediction row in Logged(current, "y"))
        {
            accumulator.Add(row);
        }

        DriftReport report = DriftAnalyzer.Analyze(profile, layout, accumulator, new DriftSpec(), new DriftContext { Model = "m", Version = 1, Window = window, CreatedAt = window.End });
        return (report, DriftPlot.RenderPng(report, profile, accumulator));
    }
}
