using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>Starts a real local runtime on the shared Azurite with its own storage prefix, task hub and free API port.</summary>
public static class IsolatedRuntime
{
    public static async Task<LocalRuntime> StartAsync(string connectionString, IDictionary<string, string?>? overrides = null)
    {
        string prefix = UniqueName.For("t");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:Prefix"] = prefix,
            ["Host:TaskHub"] = "hub" + prefix,
            ["Host:ApiUrl"] = "http://127.0.0.1:0",
            ["Host:ApiKey"] = "test-key",
            ["Host:WatcherPollInterval"] = "00:00:00.200",
            ["Host:QueuePollingInterval"] = "00:00:00.100",
        };
        foreach ((string key, string? value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return await LocalRuntime.StartAsync(configuration, logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
