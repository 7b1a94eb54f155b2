using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.AzureRest;
using MlOps.Core.Storage;
using MlOps.Functions.Durable;
using MlOps.Functions.Triggers;

namespace MlOps.Functions.Tests.Deployment;

/// <summary>Compiles and lints bicep/ with the offline compiler from NuGet; nothing is deployed.</summary>
public class BicepTemplateTests
{
    private static readonly string MainBicep = Path.Combine(BuildOutput.RepositoryRoot, "bicep", "main.bicep");

    // One compilation serves every test: the compiler takes seconds to start.
    private static readonly Lazy<Task<BicepRun>> Compiled = new(() => RunBicepAsync("build", MainBicep, "--stdout"));

    [Fact]
    public async Task Build_MainBicep_CompilesWithoutDiagnostics()
    {
        BicepRun run = await Compiled.Value;
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(string.Empty, run.StandardError.Trim());
        using JsonDocument arm = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal("subscriptionDeploymentTemplate.json", Path.GetFileName(arm.RootElement.GetProperty("$schema").GetString()!).Split('#')[0]);
    }

    [Fact]
    public async Task Lint_MainBicep_ReportsNothing()
    {
        BicepRun run = await RunBicepAsync("lint", MainBicep);
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal(string.Empty, (run.StandardOutput + run.StandardError).Trim());
    }

    [Theory]
    [InlineData("Microsoft.Resources/resourceGroups")]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities")]
    [InlineData("Microsoft.Storage/storageAccounts")]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers")]
    [InlineData("Microsoft.OperationalInsights/workspaces")]
    [InlineData("Microsoft.Insights/components")]
    [InlineData("Microsoft.Insights/scheduledQueryRules")]
    [InlineData("Microsoft.Insights/actionGroups")]
    [InlineData("Microsoft.Authorization/roleAssignments")]
    [InlineData("Microsoft.Web/serverfarms")]
    [InlineData("Microsoft.Web/sites")]
    [InlineData("Microsoft.Web/sites/config")]
    [InlineData("Microsoft.EventGrid/systemTopics")]
    [InlineData("Microsoft.EventGrid/systemTopics/eventSubscriptions")]
    [InlineData("Microsoft.Consumption/budgets")]
    [InlineData("Microsoft.Storage/storageAccounts/managementPolicies")]
    public async Task Build_MainBicep_DeclaresResourceType(string type)
    {
        IReadOnlyList<JsonElement> resources = await CompileResourcesAsync();
        Assert.Contains(resources, r => r.GetProperty("type").GetString() == type);
    }

    [Fact]
    public async Task Build_StorageAccount_DisablesSharedKeysAndHasEveryContainer()
    {
        IReadOnlyList<JsonElement> resources = await CompileResourcesAsync();
        JsonElement account = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts");
        Assert.False(account.GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
        string template = await CompileAsync();
        foreach (string container in new[] { "datasets", "prepared", "models", "predictions", "feedback", "scoring", "scored", "reports" })
        {
            Assert.Contains($"\"{container}\"", template, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Build_FunctionApp_IsFlexConsumptionDotnetIsolated()
    {
        IReadOnlyList<JsonElement> resources = await CompileResourcesAsync();
        JsonElement plan = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        JsonElement runtime = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Build_FunctionNames_MatchTheBlobTriggersInCode()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        JsonElement variables = NestedTemplates(arm.RootElement).Select(t => t.TryGetProperty("variables", out JsonElement v) ? v : default)
            .Single(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("pollingFunctionName", out _));
        Assert.Equal(nameof(DatasetBlobTriggers.DatasetUploadedPolling), variables.GetProperty("pollingFunctionName").GetString());
        Assert.Equal(nameof(DatasetBlobTriggers.DatasetUploadedEventGrid), variables.GetProperty("eventGridFunctionName").GetString());
        Assert.Equal(nameof(ScoringBlobTriggers.ScoringUploadedPolling), variables.GetProperty("scoringPollingFunctionName").GetString());
        Assert.Equal(nameof(ScoringBlobTriggers.ScoringUploadedEventGrid), variables.GetProperty("scoringEventGridFunctionName").GetString());

        JsonElement settings = (await CompileResourcesAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config").GetProperty("properties");
        string[] names = settings.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("[format('AzureWebJobs.{0}.Disabled', variables('pollingFunctionName'))]", names);
        Assert.Contains("[format('AzureWebJobs.{0}.Disabled', variables('scoringPollingFunctionName'))]", names);
        Assert.Contains("AzureWebJobsStorage__accountName", names);
        Assert.Contains("AzureWebJobsStorage__credential", names);
        Assert.Contains("AzureWebJobsStorage__clientId", names);
        Assert.Contains("Storage__AccountUri", names);
        Assert.Contains("TaskHubName", names);
        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", names);
    }

    [Fact]
    public async Task ParametersFile_EveryParameter_IsDeclaredByMainBicep()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        JsonElement declared = arm.RootElement.GetProperty("parameters");
        using JsonDocument parameters = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(BuildOutput.RepositoryRoot, "bicep", "main.parameters.json")));
        string[] supplied = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.All(supplied, name => Assert.True(declared.TryGetProperty(name, out _), $"main.bicep declares no parameter '{name}'."));
        string[] required = declared.EnumerateObject().Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name).ToArray();
        Assert.All(required, name => Assert.Contains(name, supplied));
    }

    /// <summary>
    /// Every role bicep grants the app's identity, with the code that needs it: a service the Functions app registers
    /// (it calls the API the role opens), a function class (the Functions host needs the role to run it), or an app
    /// setting the host acts on. A role missing here is one no code uses.
    /// </summary>
    private static readonly Dictionary<string, (string Name, string Why, Type? Code, string? AppSetting)> RolesTheCodeNeeds = new()
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = ("Storage Blob Data Owner", "datasets, models, logs and reports; the host's blob leases", typeof(MlOpsStorage), null),
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = ("Storage Queue Data Contributor", "the durable task hub's work-item and control queues", typeof(TrainingPipelineFunction), null),
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = ("Storage Table Data Contributor", "the registry, runs, ledger and alerts tables; the task hub's history", typeof(MlOpsStorage), null),
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = ("Monitoring Metrics Publisher", "telemetry sent with the identity (local auth is off)", null, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"),
        ["43d0d8ad-25c7-4714-9337-8ba259a9fe05"] = ("Monitoring Reader", "the cost monitor's metered execution from Azure Monitor Metrics", typeof(MonitorMetricsClient), null),
        ["72fafb9e-0641-4937-9268-a91bfd8191a3"] = ("Cost Management Reader", "the cost monitor's billed cost per resource and day", typeof(CostManagementClient), null),
    };

    [Fact]
    public async Task Build_AppRoles_EachIsNeededByCodeAndNoneIsMissing()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        JsonElement roles = NestedTemplates(arm.RootElement)
            .Select(t => t.TryGetProperty("variables", out JsonElement v) && v.TryGetProperty("appRoles", out JsonElement r) ? r : default)
            .Single(r => r.ValueKind == JsonValueKind.Array);
        var granted = roles.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("name").GetString()!);

        foreach ((string id, string name) in granted)
        {
            Assert.True(RolesTheCodeNeeds.ContainsKey(id), $"bicep grants the app '{name}' ({id}) but no code needs it: remove the grant, or map it here to the code that uses it.");
            Assert.Equal(RolesTheCodeNeeds[id].Name, name);
        }

        foreach ((string id, (string name, string why, _, _)) in RolesTheCodeNeeds)
        {
            Assert.True(granted.ContainsKey(id), $"The app needs '{name}' for {why}, but bicep does not grant it.");
        }

        IServiceCollection services = new ServiceCollection().AddLogging().AddMlOpsFunctions(new ConfigurationBuilder().Build());
        JsonElement settings = (await CompileResourcesAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config").GetProperty("properties");
        foreach ((string name, string why, Type? code, string? setting) in RolesTheCodeNeeds.Values)
        {
            if (code is not null && code.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            {
                continue; // a function the host runs
            }

            if (code is not null)
            {
                Assert.True(services.Any(d => d.ServiceType == code), $"'{name}' is mapped to {code.Name} ({why}), which the Functions app does not register.");
            }
            else
            {
                Assert.True(settings.TryGetProperty(setting!, out _), $"'{name}' is mapped to the app setting {setting} ({why}), which bicep does not set.");
            }
        }
    }

    [Fact]
    public async Task Build_Budget_OnlyWhenSetAndMailsTheAlertEmail()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        JsonElement deployment = Resources(arm.RootElement).Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
            && r.GetProperty("name").GetString() == "budget");
        Assert.Equal("[greater(parameters('monthlyBudget'), 0)]", deployment.GetProperty("condition").GetString());
        Assert.Equal(0, arm.RootElement.GetProperty("parameters").GetProperty("monthlyBudget").GetProperty("defaultValue").GetInt32());
        Assert.Contains("parameters('alertEmail')", deployment.GetProperty("properties").GetProperty("parameters").GetProperty("contactEmails").ToString(), StringComparison.Ordinal);

        JsonElement budget = (await CompileResourcesAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.Consumption/budgets").GetProperty("properties");
        Assert.Equal("Monthly", budget.GetProperty("timeGrain").GetString());
        Assert.Equal("Cost", budget.GetProperty("category").GetString());
        string[] kinds = [.. budget.GetProperty("notifications").EnumerateObject().Select(n => $"{n.Value.GetProperty("thresholdType").GetString()} {n.Value.GetProperty("threshold").GetInt32()}")];
        Assert.Equal(["Actual 80", "Actual 100", "Forecasted 100"], kinds);
        Assert.All(budget.GetProperty("notifications").EnumerateObject(), n => Assert.Equal("[parameters('contactEmails')]", n.Value.GetProperty("contactEmails").GetString()));
    }

    [Fact]
    public async Task Build_PredictionsLifecycle_CoolsThenDeletesAfterTheParameters()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        JsonElement parameters = arm.RootElement.GetProperty("parameters");
        Assert.Equal(7, parameters.GetProperty("predictionsCoolAfterDays").GetProperty("defaultValue").GetInt32());
        Assert.Equal(90, parameters.GetProperty("predictionsDeleteAfterDays").GetProperty("defaultValue").GetInt32());

        JsonElement policy = (await CompileResourcesAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/managementPolicies");
        JsonElement[] rules = [.. policy.GetProperty("properties").GetProperty("policy").GetProperty("rules").EnumerateArray()];
        Assert.Equal(2, rules.Length);
        JsonElement block = rules.Single(r => r.GetProperty("definition").GetProperty("filters").GetProperty("blobTypes")[0].GetString() == "blockBlob");
        JsonElement append = rules.Single(r => r.GetProperty("definition").GetProperty("filters").GetProperty("blobTypes")[0].GetString() == "appendBlob");
        Assert.All(rules, r => Assert.Equal("[format('{0}/', variables('dataContainers')[3])]", r.GetProperty("definition").GetProperty("filters").GetProperty("prefixMatch")[0].GetString()));
        JsonElement blockActions = block.GetProperty("definition").GetProperty("actions").GetProperty("baseBlob");
        Assert.Equal("[parameters('predictionsCoolAfterDays')]", blockActions.GetProperty("tierToCool").GetProperty("daysAfterModificationGreaterThan").GetString());
        Assert.Equal("[parameters('predictionsDeleteAfterDays')]", blockActions.GetProperty("delete").GetProperty("daysAfterModificationGreaterThan").GetString());
        JsonElement appendActions = append.GetProperty("definition").GetProperty("actions").GetProperty("baseBlob");
        Assert.False(appendActions.TryGetProperty("tierToCool", out _)); // Azure tiers block blobs only
        Assert.Equal("[parameters('predictionsDeleteAfterDays')]", appendActions.GetProperty("delete").GetProperty("daysAfterModificationGreaterThan").GetString());

        JsonElement variables = NestedTemplates(arm.RootElement).Select(t => t.TryGetProperty("variables", out JsonElement v) ? v : default)
            .Single(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("dataContainers", out _));
        Assert.Equal("predictions", variables.GetProperty("dataContainers")[3].GetString());
    }

    [Fact]
    public async Task Build_LogAnalytics_DailyCapIsTheParameter()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        Assert.Equal(-1, arm.RootElement.GetProperty("parameters").GetProperty("logAnalyticsDailyCapGb").GetProperty("defaultValue").GetInt32());
        JsonElement workspace = (await CompileResourcesAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.OperationalInsights/workspaces");
        Assert.Equal("[parameters('dailyCapGb')]", workspace.GetProperty("properties").GetProperty("workspaceCapping").GetProperty("dailyQuotaGb").GetString());
    }

    [Fact]
    public async Task Build_AppSettings_HoldWhatTheCostMonitorNeeds()
    {
        JsonElement settings = (await CompileResourcesAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config").GetProperty("properties");
        Assert.Equal("[parameters('costSchedule')]", settings.GetProperty("CostSchedule").GetString());
        Assert.Equal("[resourceGroup().id]", settings.GetProperty("CostMonitor__Scope").GetString());
        Assert.Equal("[resourceId('Microsoft.Web/sites', parameters('appName'))]", settings.GetProperty("CostMonitor__FunctionAppResourceId").GetString());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", settings.GetProperty("CostMonitor__StorageAccountResourceId").GetString());
        Assert.Equal("[string(parameters('instanceMemoryMB'))]", settings.GetProperty("Cost__PriceSheet__InstanceMemoryMb").GetString());
        Assert.Equal("true", settings.GetProperty("Cost__PriceRefresh__Enabled").GetString());
    }

    private static async Task<string> CompileAsync()
    {
        BicepRun run = await Compiled.Value;
        Assert.True(run.ExitCode == 0, run.StandardError);
        return run.StandardOutput;
    }

    private static async Task<IReadOnlyList<JsonElement>> CompileResourcesAsync()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        return NestedTemplates(arm.RootElement).SelectMany(Resources).Select(r => r.Clone()).ToList();
    }

    /// <summary>The template and, recursively, the templates of the module deployments inside it.</summary>
    private static IEnumerable<JsonElement> NestedTemplates(JsonElement template)
    {
        yield return template;
        foreach (JsonElement resource in Resources(template))
        {
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
                && resource.GetProperty("properties").TryGetProperty("template", out JsonElement nested))
            {
                foreach (JsonElement inner in NestedTemplates(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    // Language version 2.0 templates key resources by symbolic name; 1.0 templates list them.
    private static IEnumerable<JsonElement> Resources(JsonElement template) =>
        !template.TryGetProperty("resources", out JsonElement resources) ? []
        : resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray()
        : resources.EnumerateObject().Select(p => p.Value);

    private static async Task<BicepRun> RunBicepAsync(params string[] arguments)
    {
        string bicep = BuildOutput.BicepPath;
        Assert.True(File.Exists(bicep), $"No bicep compiler at {bicep}: restore Azure.Bicep.CommandLine.linux-x64.");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not always keep the executable bit of package files.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepRun(process.ExitCode, await output, await error);
    }

    private sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError);
}
