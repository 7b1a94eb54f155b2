using System.Text.Json;
using MlOps.Testing;

namespace MlOps.Functions.Tests.Deployment;

/// <summary>
/// What `dotnet publish` (and so `azd deploy`) builds, read from MSBuild's evaluation of the app's project without
/// building it: the Flex Consumption package is Linux x64 only and compiled without the polling blob triggers, which a
/// property brings back for other plans; ordinary builds (these tests included) keep every trigger.
/// </summary>
public sealed class PublishPropertiesTests
{
    private static readonly string Project = Path.Combine(BuildOutput.RepositoryRoot, "src", "MlOps.Functions", "MlOps.Functions.csproj");

    [Fact]
    public async Task Evaluate_Publish_IsLinuxX64FrameworkDependentWithoutPollingTriggers()
    {
        JsonElement properties = await EvaluateAsync("-p:_IsPublishing=true");

        Assert.Equal("linux-x64", properties.GetProperty("RuntimeIdentifier").GetString());
        Assert.Equal("false", properties.GetProperty("SelfContained").GetString());
        Assert.DoesNotContain("POLLING_BLOB_TRIGGERS", properties.GetProperty("DefineConstants").GetString()!.Split(';'));
    }

    [Fact]
    public async Task Evaluate_PublishForAnotherPlan_KeepsThePollingTriggers()
    {
        JsonElement properties = await EvaluateAsync("-p:_IsPublishing=true", "-p:IncludePollingBlobTriggers=true");

        Assert.Contains("POLLING_BLOB_TRIGGERS", properties.GetProperty("DefineConstants").GetString()!.Split(';'));
    }

    [Fact]
    public async Task Evaluate_Build_KeepsEveryTriggerForEveryPlatform()
    {
        JsonElement properties = await EvaluateAsync();

        Assert.Equal(string.Empty, properties.GetProperty("RuntimeIdentifier").GetString());
        Assert.Contains("POLLING_BLOB_TRIGGERS", properties.GetProperty("DefineConstants").GetString()!.Split(';'));
    }

    private static async Task<JsonElement> EvaluateAsync(params string[] properties)
    {
        // The test host's own MSBuild settings would otherwise leak into the evaluation.
        Dictionary<string, string?> environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToDictionary(k => k, _ => (string?)null);
        ChildProcessResult run = await ChildProcess.RunAsync(
            ChildProcess.DotNet,
            ["msbuild", Project, "-getProperty:RuntimeIdentifier", "-getProperty:SelfContained", "-getProperty:DefineConstants", .. properties],
            environment,
            TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        using JsonDocument document = JsonDocument.Parse(run.StandardOutput);
        return document.RootElement.GetProperty("Properties").Clone();
    }}
