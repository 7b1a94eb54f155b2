using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOps.Core.Alerts;
using MlOps.Core.Monitoring.Serving;
using MlOps.Core.Telemetry;
using MlOps.Testing;

namespace MlOps.Functions.Tests.Deployment;

/// <summary>
/// The portal workbook and the log alert rules query what the app exports: every table, metric, span, dimension and
/// log event they name is one the code emits under that name, and the workbook's serving-health panel is the app's own query.
/// </summary>
public partial class BicepTemplateTests
{
    private static readonly string WorkbookJson = Path.Combine(BuildOutput.RepositoryRoot, "bicep", "workbooks", "mlops.workbook.json");

    /// <summary>What fills each workspace table: the MlOps meter, the MlOps spans (Internal: dependencies), the app's logs.</summary>
    private static readonly string[] ExportedTables = [ServingHealthQuery.MetricsTable, ServingHealthQuery.SpansTable, "AppTraces"];

    [Fact]
    public void Workbook_ServingHealthPanel_IsTheMonitorsQueryForTheModelParameter()
    {
        string[] queries = [.. WorkbookQueries()];

        Assert.Contains(ServingHealthQuery.For("{model}"), queries);
    }

    [Fact]
    public async Task Build_WorkbookAndAlertRules_QueryOnlyNamesTheCodeEmits()
    {
        IReadOnlyList<JsonElement> resources = await CompileResourcesAsync();
        JsonElement workbook = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Insights/workbooks");
        Assert.Equal("workbook", workbook.GetProperty("properties").GetProperty("category").GetString());
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        JsonElement monitoring = NestedTemplates(arm.RootElement)
            .Single(t => t.TryGetProperty("variables", out JsonElement v) && v.TryGetProperty("servingRules", out _));
        JsonElement rules = monitoring.GetProperty("variables").GetProperty("servingRules");
        Assert.Equal(["serving-errors", "serving-latency", "drift", "failed-runs"], rules.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(["PT15M", "PT15M", "P1D", "P1D"], rules.EnumerateArray().Select(r => r.GetProperty("window").GetString()));
        JsonElement parameters = monitoring.GetProperty("parameters");
        Assert.Equal("0.05", parameters.GetProperty("servingErrorRateAlert").GetProperty("defaultValue").GetString());
        Assert.Equal(1000, parameters.GetProperty("servingP99AlertMs").GetProperty("defaultValue").GetInt32());
        Assert.Equal("0.5", parameters.GetProperty("driftedShareAlert").GetProperty("defaultValue").GetString());
        // One rule per entry, on the workspace, where the app's telemetry lands.
        JsonElement ruleLoop = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Insights/scheduledQueryRules" && r.TryGetProperty("copy", out _));
        Assert.Contains("servingRules", ruleLoop.GetProperty("copy").GetProperty("count").GetString(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", ruleLoop.GetProperty("properties").GetProperty("scopes")[0].GetString(), StringComparison.Ordinal);

        (ISet<string> instruments, ISet<string> dimensions) = Instruments();
        var spans = new HashSet<string>(StringComparer.Ordinal) { MlOpsTracing.PredictSpanName };
        Dictionary<int, ISet<string>> events = LogEvents();
        foreach (string query in WorkbookQueries().Concat(rules.EnumerateArray().Select(r => r.GetProperty("query").GetString()!)))
        {
            string[] tables = [.. Regex.Matches(query, @"(?:^|=\s*|\n)(App[A-Za-z]+)\b").Select(m => m.Groups[1].Value).Distinct()];
            Assert.True(tables.Length > 0, $"No workspace table in: {query}");
            Assert.All(tables, t => Assert.True(ExportedTables.Contains(t), $"The query reads {t}, which the app does not fill: {query}"));
            foreach (string name in Regex.Matches(query, @"\bName == ""([^""]+)""").Select(m => m.Groups[1].Value))
            {
                Assert.True(instruments.Contains(name) || spans.Contains(name), $"No instrument or span of the app is named '{name}': {query}");
            }

            string[] eventIds = [.. Regex.Matches(query, @"Properties\.EventId\) == ""(\d+)""").Select(m => m.Groups[1].Value)];
            ISet<string> allowed = eventIds.Length == 0
                ? dimensions
                : new HashSet<string>(events[int.Parse(eventIds.Single(), System.Globalization.CultureInfo.InvariantCulture)].Append("EventId"), StringComparer.Ordinal);
            foreach (string property in Regex.Matches(query, @"Properties\.([A-Za-z_]+)").Select(m => m.Groups[1].Value))
            {
                Assert.True(allowed.Contains(property), $"'{property}' is not a dimension the app sets on what this query reads: {query}");
            }
        }
    }

    private static IEnumerable<string> WorkbookQueries()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(WorkbookJson));
        var queries = new List<string>();
        foreach (JsonElement item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            JsonElement content = item.GetProperty("content");
            if (content.TryGetProperty("query", out JsonElement query))
            {
                queries.Add(query.GetString()!);
            }

            if (content.TryGetProperty("parameters", out JsonElement parameters))
            {
                queries.AddRange(parameters.EnumerateArray().Where(p => p.TryGetProperty("query", out _)).Select(p => p.GetProperty("query").GetString()!));
            }
        }

        return queries;
    }

    /// <summary>The MlOps meter's instrument names, as a listener sees them published, and the dimensions the app tags them with.</summary>
    private static (ISet<string> Instruments, ISet<string> Dimensions) Instruments()
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        IMeterFactory factory = services.GetRequiredService<IMeterFactory>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MlOpsMetrics.MeterName && instrument.Meter.Scope == factory)
                {
                    lock (names)
                    {
                        names.Add(instrument.Name);
                    }
                }
            },
        };
        listener.Start();
        using var metrics = new MlOpsMetrics(factory);
        listener.RecordObservableInstruments();

        // The product's tag names, and the alert counter's own (kind, severity).
        var dimensions = new HashSet<string>(
            typeof(MlOpsTags).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!), StringComparer.Ordinal) { "kind", "severity" };
        return (names, dimensions);
    }

    /// <summary>The app's fixed-id log events and the placeholders of each one's message, which become its properties.</summary>
    private static Dictionary<int, ISet<string>> LogEvents() =>
        new[] { typeof(MlOpsMetrics).Assembly, typeof(MlOps.Pipeline.Http.ApiRoutes).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .Where(a => a is { EventId: > 0 })
            .ToDictionary(
                a => a!.EventId,
                a => (ISet<string>)Regex.Matches(a!.Message, @"\{([A-Za-z]+)").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal));
}
