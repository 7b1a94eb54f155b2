using System.Diagnostics;
using System.Text.Json;

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
        var start = new ProcessStartInfo(DotNet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "msbuild", Project, "-getProperty:RuntimeIdentifier", "-getProperty:SelfContained", "-getProperty:DefineConstants" }.Concat(properties))
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings would otherwise leak into the evaluation.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        string json = await output;
        Assert.True(process.ExitCode == 0, json + await error);
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Properties").Clone();
    }

    private static string DotNet => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
