using System.Text.Json;
using MlOps.Core.Registry;
using MlOps.Pipeline.Http;
using OpenQA.Selenium;

namespace MlOps.Host.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless chromium after a real pipeline run and drift check: each page shows what a
/// person would check, a promotion from the page moves the alias, and the console stays free of errors. A
/// screenshot of each page goes to TestResults/screenshots.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests : IClassFixture<DashboardScenario>
{
    private readonly DashboardScenario _scenario;
    private readonly HeadlessBrowser _browser;

    public DashboardBrowserTests(DashboardScenario scenario)
    {
        _scenario = scenario;
        _browser = scenario.Browser;
    }

    [Fact]
    public async Task ModelsPage_AfterRun_ShowsTheModelAndItsProductionVersion()
    {
        int production = (await _scenario.GetJsonAsync($"/api/models/{DashboardScenario.Model}/aliases")).EnumerateArray()
            .Single(a => a.GetProperty("alias").GetString() == ModelRegistry.Production).GetProperty("version").GetInt32();

        Show("/", "pageModels", "models");

        IWebElement row = _browser.Driver.FindElement(By.CssSelector($"a[data-model='{DashboardScenario.Model}']")).FindElement(By.XPath("./ancestor::tr"));
        Assert.Equal("v" + production, row.FindElement(By.CssSelector("[data-production]")).Text);
    }

    [Fact]
    public async Task RunPage_FirstRun_ShowsFourStagesEveryCandidateAndTheValidationReport()
    {
        JsonElement candidates = await _scenario.GetJsonAsync($"/api/runs/{Uri.EscapeDataString(_scenario.FirstRunId)}/candidates");

        Show("/runs/" + Uri.EscapeDataString(_scenario.FirstRunId), "pageRun", "run");

        string[] stages = [.. _browser.Driver.FindElements(By.CssSelector("svg[data-chart='timeline'] g[data-stage]")).Select(g => g.GetAttribute("data-stage")!)];
        Assert.Equal(["ingest", "train", "evaluate", "deploy"], stages);
        Assert.Equal(candidates.GetArrayLength(), _browser.Driver.FindElements(By.CssSelector("table[data-table='leaderboard'] tbody tr")).Count);
        Assert.Contains(_browser.Driver.FindElements(By.CssSelector("table[data-table='leaderboard'] tbody tr")), r => r.Text.Contains("chosen", StringComparison.Ordinal));
        Assert.NotNull(_browser.Driver.FindElement(By.CssSelector("[data-panel='Validation report'] table[data-table='findings'], [data-panel='Validation report'] p")));
    }

    [Fact]
    public void ComparePage_TwoVersions_ShowsMetricDeltasImportanceAndTheGate()
    {
        Show($"/models/{DashboardScenario.Model}/compare/1/2", "pageCompare", "compare");

        Assert.Contains(_browser.Driver.FindElements(By.CssSelector("table[data-table='compare'] tbody tr")), r => r.Text.StartsWith("auc", StringComparison.Ordinal));
        Assert.Equal(2, _browser.Driver.FindElements(By.CssSelector("svg[data-chart='bars']")).Count);
        Assert.NotEmpty(_browser.Driver.FindElements(By.CssSelector("[data-panel='Gate decision for v2'] table[data-table='gate'] tbody tr")));
    }

    [Fact]
    public void MonitoringPage_AfterDriftCheck_ListsTheReportAndLoadsItsPlot()
    {
        Show($"/models/{DashboardScenario.Model}/monitoring", "pageMonitoring", "monitoring");

        Assert.NotEmpty(_browser.Driver.FindElements(By.CssSelector("table[data-table='drift'] tbody tr")));
        IWebElement plot = _browser.Wait(By.CssSelector($"img[data-plot='{_scenario.DriftWindowId}']"));
        long width = WaitFor(() => (long)(_browser.Script("return arguments[0].complete ? arguments[0].naturalWidth : 0;", plot) ?? 0L), w => w > 0);
        Assert.True(width > 100, $"the drift plot is {width} px wide");
        _browser.Screenshot("dashboard-monitoring");
    }

    [Fact]
    public async Task CostPage_AfterRuns_DrawsTheLedgerPerDayByModelAndStage()
    {
        JsonElement cost = await _scenario.GetJsonAsync("/api/cost");

        Show("/cost", "pageCost", "cost");

        Assert.Contains(cost.GetProperty("days").EnumerateArray(), d => d.GetProperty("model").GetString() == DashboardScenario.Model);
        Assert.Equal(cost.GetProperty("days").GetArrayLength(), _browser.Driver.FindElements(By.CssSelector("table[data-table='cost'] tbody tr")).Count);
        Assert.Equal(2, _browser.Driver.FindElements(By.CssSelector("svg[data-chart='stacked']")).Count);
        Assert.NotEqual("$0.000000", _browser.Driver.FindElement(By.CssSelector("[data-cost='total'] .value")).Text);
    }

    [Fact]
    public async Task CardRoute_AfterRunsAndDriftCheck_ComposesDataChoicesMetricsDriftAndPromotions()
    {
        JsonElement driftReport = (await _scenario.GetJsonAsync($"/api/models/{DashboardScenario.Model}/drift")).EnumerateArray()
            .Single(r => r.GetProperty("window").GetProperty("id").GetString() == _scenario.DriftWindowId);
        int version = driftReport.GetProperty("version").GetInt32();
        JsonElement stored = await _scenario.GetJsonAsync($"/api/models/{DashboardScenario.Model}/versions/{version}");
        JsonElement validation = await _scenario.GetJsonAsync($"/api/runs/{Uri.EscapeDataString(stored.GetProperty("runId").GetString()!)}/validation");

        JsonElement card = await _scenario.GetJsonAsync($"/api/models/{DashboardScenario.Model}/versions/{version}/card");

        JsonElement data = card.GetProperty("data");
        Assert.Equal(stored.GetProperty("datasetVersion").GetString(), data.GetProperty("datasetVersion").GetString());
        Assert.Equal(validation.GetProperty("rows").GetInt64(), data.GetProperty("rows").GetInt64());
        JsonElement splits = data.GetProperty("splits");
        Assert.Equal(data.GetProperty("labelledRows").GetInt64(), splits.GetProperty("train").GetInt64() + splits.GetProperty("validation").GetInt64() + splits.GetProperty("test").GetInt64());
        JsonElement training = card.GetProperty("training");
        Assert.Equal(stored.GetProperty("trainer").GetString(), training.GetProperty("trainer").GetString());
        Assert.Equal(["LightGbm", "LbfgsLogisticRegression"], training.GetProperty("trainersSearched").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("auc", training.GetProperty("selectionMetric").GetString());
        Assert.Equal("0.5", training.GetProperty("thresholdRule").GetString());
        JsonElement evaluation = card.GetProperty("evaluation");
        Assert.Equal(stored.GetProperty("metrics").GetProperty("auc").GetDouble(), evaluation.GetProperty("metrics").GetProperty("auc").GetDouble());
        Assert.Equal(stored.GetProperty("importance").GetArrayLength(), evaluation.GetProperty("importance").GetArrayLength());
        Assert.Contains(card.GetProperty("driftHistory").EnumerateArray(), d => d.GetProperty("id").GetString() == driftReport.GetProperty("id").GetString());
        bool drifted = driftReport.GetProperty("datasetDrifted").GetBoolean() || (driftReport.TryGetProperty("predictionDrifted", out JsonElement p) && p.GetBoolean());
        Assert.Equal(drifted, card.GetProperty("limitations").EnumerateArray().Any(l => l.GetProperty("kind").GetString() == "drift"));
        Assert.Contains(card.GetProperty("promotions").EnumerateArray(), p => p.GetProperty("toVersion").GetInt32() == version && p.GetProperty("alias").GetString() == ModelRegistry.Production);
        Assert.Equal(stored.GetProperty("runId").GetString(), card.GetProperty("runId").GetString());
    }

    [Fact]
    public async Task CardPage_FromTheVersionPage_ShowsMetricsDataLimitationsAndPromotions()
    {
        JsonElement card = await _scenario.GetJsonAsync($"/api/models/{DashboardScenario.Model}/versions/1/card");
        Show($"/models/{DashboardScenario.Model}/versions/1", "pageVersion", "version");

        _browser.Driver.FindElement(By.CssSelector("a[data-link='card']")).Click();
        _browser.WaitForPage("pageCard");
        _browser.Screenshot("dashboard-card");

        Assert.Equal(card.GetProperty("evaluation").GetProperty("metrics").EnumerateObject().Count(), _browser.Driver.FindElements(By.CssSelector("table[data-table='card-metrics'] tbody tr")).Count);
        Assert.Contains(_browser.Driver.FindElements(By.CssSelector("table[data-table='card-data'] tbody tr")), r => r.Text.StartsWith("test rows", StringComparison.Ordinal));
        // The container (whose name the storage prefix runs into) and the blob, each on its own row, as the card says them.
        JsonElement data = card.GetProperty("data");
        Assert.Equal($"{data.GetProperty("container").GetString()}/{data.GetProperty("blob").GetString()}", data.GetProperty("source").GetString());
        Assert.EndsWith("datasets", data.GetProperty("container").GetString(), StringComparison.Ordinal);
        Assert.Equal($"{DashboardScenario.Model}/first.csv", data.GetProperty("blob").GetString());
        Assert.Equal(["container", "blob"], _browser.Driver.FindElements(By.CssSelector("table[data-table='card-data'] tbody tr td:first-child")).Take(2).Select(c => c.Text));
        Assert.Equal(
            [data.GetProperty("container").GetString(), data.GetProperty("blob").GetString()],
            _browser.Driver.FindElements(By.CssSelector("table[data-table='card-data'] tbody tr td:nth-child(2)")).Take(2).Select(c => c.Text));
        Assert.Equal(card.GetProperty("promotions").GetArrayLength(), _browser.Driver.FindElements(By.CssSelector("table[data-table='card-promotions'] tbody tr")).Count);
        Assert.NotNull(_browser.Driver.FindElement(By.CssSelector("[data-panel='Known limitations'] table[data-table='card-limitations'], [data-panel='Known limitations'] p")));
        Assert.Empty(_browser.ConsoleErrors());
    }

    [Fact]
    public void ApiPage_OpenApiDocument_ListsEveryRoute()
    {
        Show("/api", "pageApi", "api");

        string[] shown = [.. _browser.Driver.FindElements(By.CssSelector("[data-endpoint]")).Select(e => e.GetAttribute("data-endpoint")!).Order(StringComparer.Ordinal)];
        Assert.Equal(ApiRouteTable.All.Select(r => r.Method + " " + r.Path).Order(StringComparer.Ordinal), shown);
    }

    [Fact]
    public async Task ModelPage_PromoteFromThePage_AsksForTheKeyAndMovesTheAlias()
    {
        Show($"/models/{DashboardScenario.Model}", "pageModel", "model");
        int before = await ProductionAsync();
        int target = before == 1 ? 2 : 1;

        _browser.Driver.FindElement(By.CssSelector($"button[data-action='promote'][data-version='{target}']")).Click();
        Answer("promoted from the dashboard test");
        Answer(DashboardScenario.Key); // the first state change is refused without a key; the page asks once

        _browser.Wait(By.CssSelector(".banner.ok"));
        Assert.Equal(target, await ProductionAsync());
        JsonElement history = await _scenario.GetJsonAsync($"/api/models/{DashboardScenario.Model}/history");
        Assert.Contains(history.EnumerateArray(), p => p.GetProperty("toVersion").GetInt32() == target && p.GetProperty("reason").GetString() == "promoted from the dashboard test");
        _browser.WaitForPage("pageModel");
        Assert.Empty(_browser.ConsoleErrors());
        _browser.Screenshot("dashboard-model-after-promotion");
    }

    private async Task<int> ProductionAsync() =>
        (await _scenario.GetJsonAsync($"/api/models/{DashboardScenario.Model}")).GetProperty("aliases").GetProperty(ModelRegistry.Production).GetInt32();

    /// <summary>Opens a page, waits for it, saves its screenshot and checks that the console has no errors.</summary>
    private void Show(string route, string page, string screenshot)
    {
        _browser.Open(_scenario.Page(route));
        _browser.WaitForPage(page);
        _browser.Screenshot("dashboard-" + screenshot);
        Assert.Empty(_browser.ConsoleErrors());
    }

    private void Answer(string text)
    {
        IWebElement input = _browser.Wait(By.CssSelector("dialog[open] #ask-input"));
        input.SendKeys(text);
        _browser.Driver.FindElement(By.Id("ask-ok")).Click();
        WaitFor(() => _browser.Driver.FindElements(By.CssSelector("dialog[open]")).Count, n => n == 0);
    }

    private static T WaitFor<T>(Func<T> read, Func<T, bool> done)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        T value = read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
            value = read();
        }

        return value;
    }
}
