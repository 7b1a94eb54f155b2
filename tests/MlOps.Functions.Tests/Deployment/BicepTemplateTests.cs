using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.AzureRest;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Core.Storage;
using MlOps.Functions.Durable;
using MlOps.Functions.Triggers;
using MlOps.Pipeline.Http;
using MlOps.Pipeline.Monitoring;
using MlOps.Testing;

namespace MlOps.Functions.Tests.Deployment;

/// <summary>Compiles and lints bicep/ with the offline compiler from NuGet; nothing is deployed.</summary>
public partial class BicepTemplateTests
{
    private static readonly string MainBicep = Path.Combine(BuildOutput.RepositoryRoot, "bicep", "main.bicep");

    private static readonly string SubscriptionsBicep = Path.Combine(BuildOutput.RepositoryRoot, "bicep", "blob-subscriptions.bicep");

    // One compilation of each template serves every test: the compiler takes seconds to start.
    private static readonly Lazy<Task<BicepRun>> Compiled = new(() => RunBicepAsync("build", MainBicep, "--stdout"));

    private static readonly Lazy<Task<BicepRun>> CompiledSubscriptions = new(() => RunBicepAsync("build", SubscriptionsBicep, "--stdout"));

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
    public async Task Build_BlobSubscriptions_CompilesWithoutDiagnostics()
    {
        BicepRun run = await CompiledSubscriptions.Value;
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(string.Empty, run.StandardError.Trim());
        using JsonDocument arm = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal("deploymentTemplate.json", Path.GetFileName(arm.RootElement.GetProperty("$schema").GetString()!).Split('#')[0]);
    }

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("blob-subscriptions.bicep")]
    public async Task Lint_Template_ReportsNothing(string template)
    {
        BicepRun run = await RunBicepAsync("lint", Path.Combine(BuildOutput.RepositoryRoot, "bicep", template));
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
        foreach (string container in new[] { "datasets", "prepared", "models", "predictions", "feedback", "scoring", "scored", "reports", "deadletter" })
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
    public async Task Build_BlobSubscriptions_DeliverToTheEventGridTriggersInCode()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync(CompiledSubscriptions));
        JsonElement[] subscriptions = [.. arm.RootElement.GetProperty("variables").GetProperty("subscriptions").EnumerateArray()];
        Assert.Equal(
            [nameof(DatasetBlobTriggers.DatasetUploadedEventGrid), nameof(ScoringBlobTriggers.ScoringUploadedEventGrid)],
            subscriptions.Select(s => s.GetProperty("functionName").GetString()));
        Assert.Equal(["[parameters('datasetsContainerName')]", "[parameters('scoringContainerName')]"], subscriptions.Select(s => s.GetProperty("container").GetString()));
    }

    [Fact]
    public async Task Build_BlobSubscriptions_DeadLetterWithTheTopicIdentity()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync(CompiledSubscriptions));
        JsonElement subscription = Resources(arm.RootElement).Single(r => r.GetProperty("type").GetString() == "Microsoft.EventGrid/systemTopics/eventSubscriptions")
            .GetProperty("properties");
        JsonElement deadLetter = subscription.GetProperty("deadLetterWithResourceIdentity");
        Assert.Equal("SystemAssigned", deadLetter.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("StorageBlob", deadLetter.GetProperty("deadLetterDestination").GetProperty("endpointType").GetString());
        Assert.Equal("[parameters('deadLetterContainerName')]", deadLetter.GetProperty("deadLetterDestination").GetProperty("properties").GetProperty("blobContainerName").GetString());
        Assert.Contains("systemKeys.blobs_extension", subscription.GetProperty("destination").GetProperty("properties").GetProperty("endpointUrl").GetString(), StringComparison.Ordinal);

        // The topic writes there with its own identity: a system-assigned identity and a blob data role on the container.
        IReadOnlyList<JsonElement> resources = await CompileResourcesAsync();
        JsonElement topic = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.EventGrid/systemTopics");
        Assert.Equal("SystemAssigned", topic.GetProperty("identity").GetProperty("type").GetString());
        Assert.Contains(resources, r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments"
            && r.GetProperty("properties").GetProperty("principalId").GetString()!.Contains("systemTopics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_AppSettings_IdentityConnectionsSchedulesAndFunctionSwitches()
    {
        string settings = await AppSettingsAsync();
        foreach (string name in new[]
        {
            "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "Storage__AccountUri",
            "Storage__credential", "Storage__clientId", "TaskHubName", MonitorScheduler.ScheduleSetting, "CostSchedule", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        })
        {
            Assert.Contains($"'{name}'", settings, StringComparison.Ordinal);
        }

        // Switched-off functions are merged in as AzureWebJobs.<name>.Disabled settings; the schedule itself is never "off".
        Assert.Contains("variables('disabledFunctionSettings')", settings, StringComparison.Ordinal);
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        JsonElement variables = NestedTemplates(arm.RootElement).Select(t => t.TryGetProperty("variables", out JsonElement v) ? v : default)
            .Single(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("disabledFunctionSettings", out _));
        Assert.Contains("format('AzureWebJobs.{0}.Disabled'", variables.GetProperty("disabledFunctionSettings").GetString(), StringComparison.Ordinal);
        Assert.Contains("parameters('disabledFunctions')", variables.GetProperty("disabledFunctionNames").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_MainBicep_EncryptionAndTransportAsTheReadmeStates()
    {
        IReadOnlyList<JsonElement> resources = await CompileResourcesAsync();
        string readme = RepositoryFiles.ReadReadme().ReplaceLineEndings("\n");
        string section = readme[readme.IndexOf("### Encryption and secrets", StringComparison.Ordinal)..];
        MatchCollection rows = Regex.Matches(section, @"^\| (?<resource>storage account|function app) \| `(?<setting>[^`]+)` \| `(?<value>[^`]+)` \|", RegexOptions.Multiline);
        Assert.True(rows.Count >= 9, $"README.md's encryption table has {rows.Count} rows");
        foreach (Match row in rows)
        {
            string type = row.Groups["resource"].Value == "storage account" ? "Microsoft.Storage/storageAccounts" : "Microsoft.Web/sites";
            JsonElement value = resources.Single(r => r.GetProperty("type").GetString() == type).GetProperty("properties");
            foreach (string part in row.Groups["setting"].Value.Split('.'))
            {
                Assert.True(value.TryGetProperty(part, out value), $"{type} has no {row.Groups["setting"].Value}");
            }

            string actual = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean().ToString().ToLowerInvariant() : value.ToString();
            Assert.True(row.Groups["value"].Value == actual, $"README.md says {type} {row.Groups["setting"].Value} is {row.Groups["value"].Value}; bicep sets {actual}");
        }
    }

    [Fact]
    public async Task Build_FunctionApp_EntraSignInBesideFunctionKeysWithTheRolesOfTheCode()
    {
        JsonElement auth = (await CompileResourcesAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config"
            && r.GetProperty("name").GetString()!.Contains("authsettingsV2", StringComparison.Ordinal));
        Assert.Contains("authClientId", auth.GetProperty("condition").GetString(), StringComparison.Ordinal);
        JsonElement properties = auth.GetProperty("properties");
        Assert.Equal("AllowAnonymous", properties.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString());
        Assert.True(properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("enabled").GetBoolean());

        using JsonDocument roles = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(BuildOutput.RepositoryRoot, "bicep", "app-roles.json")));
        Assert.Equal(Enum.GetValues<ApiRole>().Select(r => r.Name()), roles.RootElement.EnumerateArray().Select(r => r.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task Build_MainBicep_MonitorScheduleDefaultsToTheLocalHostDefault()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        JsonElement parameters = arm.RootElement.GetProperty("parameters");
        Assert.Equal(MonitorScheduler.DefaultSchedule, parameters.GetProperty("monitorSchedule").GetProperty("defaultValue").GetString());
        Assert.Equal(CostMonitorOptions.DefaultSchedule, parameters.GetProperty("costSchedule").GetProperty("defaultValue").GetString());
        Assert.Equal(string.Empty, parameters.GetProperty("disabledFunctions").GetProperty("defaultValue").GetString());
        Assert.False(parameters.TryGetProperty("subscribeBlobEvents", out _), "Blob events are subscribed by the postdeploy hook, not by a second provision.");
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
        ["43d0d8ad-25c7-4714-9337-8ba259a9fe05"] = ("Monitoring Reader", "the cost monitor's metered execution from Azure Monitor Metrics and the serving-health query of the Log Analytics workspace", typeof(MonitorMetricsClient), null),
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
        string settings = await AppSettingsAsync();
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
                Assert.True(settings.Contains($"'{setting}'", StringComparison.Ordinal), $"'{name}' is mapped to the app setting {setting} ({why}), which bicep does not set.");
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
        // The settings are one union(createObject(name, value, ...), switches) expression: each name is followed by its value.
        string settings = await AppSettingsAsync();
        Assert.Contains("'CostSchedule', parameters('costSchedule')", settings, StringComparison.Ordinal);
        Assert.Contains("'CostMonitor__Scope', resourceGroup().id", settings, StringComparison.Ordinal);
        Assert.Contains("'CostMonitor__FunctionAppResourceId', resourceId('Microsoft.Web/sites', parameters('appName'))", settings, StringComparison.Ordinal);
        Assert.Contains("'CostMonitor__StorageAccountResourceId', resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))", settings, StringComparison.Ordinal);
        Assert.Contains("'Cost__PriceSheet__InstanceMemoryMb', string(parameters('instanceMemoryMB'))", settings, StringComparison.Ordinal);
        Assert.Contains("'Cost__PriceRefresh__Enabled', 'true'", settings, StringComparison.Ordinal);
    }

    /// <summary>The function app's settings as the compiled template holds them: one ARM expression.</summary>
    private static async Task<string> AppSettingsAsync() =>
        (await CompileResourcesAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config"
            && r.GetProperty("name").GetString()!.Contains("appsettings", StringComparison.Ordinal)).GetProperty("properties").GetString()!;

    private static async Task<string> CompileAsync(Lazy<Task<BicepRun>>? template = null)
    {
        BicepRun run = await (template ?? Compiled).Value;
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

        ChildProcessResult run = await ChildProcess.RunAsync(bicep, arguments);
        return new BicepRun(run.ExitCode, run.StandardOutput, run.StandardError);
    }

    private sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError);
}
