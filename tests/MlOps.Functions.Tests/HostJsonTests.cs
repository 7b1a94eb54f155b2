using System.Text.Json;

namespace MlOps.Functions.Tests;

public class HostJsonTests
{
    private static JsonElement LoadHostJson()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildOutput.FunctionsDirectory, "host.json")));
        return document.RootElement.Clone();
    }

    [Fact]
    public void HostJson_FunctionsOutput_IsTheRepositoryRootFile()
    {
        Assert.Equal(
            File.ReadAllText(Path.Combine(BuildOutput.RepositoryRoot, "host.json")),
            File.ReadAllText(Path.Combine(BuildOutput.FunctionsDirectory, "host.json")));
    }

    [Fact]
    public void HostJson_DurableTask_UsesTheAzureStorageHubFromAppSettings()
    {
        JsonElement durable = LoadHostJson().GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal("%TaskHubName%", durable.GetProperty("hubName").GetString());
        JsonElement provider = durable.GetProperty("storageProvider");
        Assert.Equal("AzureStorage", provider.GetProperty("type").GetString());
        Assert.InRange(provider.GetProperty("partitionCount").GetInt32(), 1, 16);
        Assert.True(TimeSpan.TryParse(provider.GetProperty("maxQueuePollingInterval").GetString(), out TimeSpan polling));
        Assert.InRange(polling, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void HostJson_DurableTask_MessagesOfAStoppedInstanceReturnWithinHalfAMinute()
    {
        // The extension's dispatchers renew running work's messages, so a short timeout only shortens how long work
        // held by an instance that was stopped or recycled waits: 30 s, as on the local host.
        JsonElement provider = LoadHostJson().GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider");
        foreach (string setting in new[] { "controlQueueVisibilityTimeout", "workItemQueueVisibilityTimeout" })
        {
            Assert.True(TimeSpan.TryParse(provider.GetProperty(setting).GetString(), System.Globalization.CultureInfo.InvariantCulture, out TimeSpan timeout), setting);
            Assert.Equal(TimeSpan.FromSeconds(30), timeout);
        }
    }

    [Fact]
    public void HostJson_Version_IsTwoWithoutExtensionBundle()
    {
        JsonElement host = LoadHostJson();
        Assert.Equal("2.0", host.GetProperty("version").GetString());
        Assert.False(host.TryGetProperty("extensionBundle", out _), "Isolated .NET apps bring their extensions; a bundle would conflict.");
    }

    [Fact]
    public void HostJson_FunctionTimeout_IsBoundedForFlexConsumption()
    {
        Assert.True(TimeSpan.TryParse(LoadHostJson().GetProperty("functionTimeout").GetString(), out TimeSpan timeout));
        Assert.InRange(timeout, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
    }

    [Fact]
    public void HostJson_Telemetry_IsOpenTelemetryWithDurableDistributedTracing()
    {
        JsonElement host = LoadHostJson();
        Assert.Equal("OpenTelemetry", host.GetProperty("telemetryMode").GetString());
        JsonElement tracing = host.GetProperty("extensions").GetProperty("durableTask").GetProperty("tracing");
        Assert.True(tracing.GetProperty("distributedTracingEnabled").GetBoolean());
        Assert.Equal("V2", tracing.GetProperty("version").GetString());
    }
}
