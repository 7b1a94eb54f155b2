using System.Text.Json;
using MlOps.Functions.Triggers;
using MlOps.Pipeline.Monitoring;
using MlOps.Testing;

namespace MlOps.Functions.Tests.Deployment;

/// <summary>Compiles and lints bicep/ with the offline compiler from NuGet; nothing is deployed.</summary>
public class BicepTemplateTests
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
        string settings = (await CompileResourcesAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config")
            .GetProperty("properties").GetString()!;
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
    public async Task Build_MainBicep_MonitorScheduleDefaultsToTheLocalHostDefault()
    {
        using JsonDocument arm = JsonDocument.Parse(await CompileAsync());
        JsonElement parameters = arm.RootElement.GetProperty("parameters");
        Assert.Equal(MonitorScheduler.DefaultSchedule, parameters.GetProperty("monitorSchedule").GetProperty("defaultValue").GetString());
        Assert.Equal(6, parameters.GetProperty("costSchedule").GetProperty("defaultValue").GetString()!.Split(' ').Length);
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
