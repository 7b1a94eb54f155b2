using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>Starts a real local runtime on the shared Azurite with its own storage prefix, task hub and free API port.</summary>
public static class IsolatedRuntime
{
    /// <summary>MLOPS_TEST_LOG=1 shows the runtime's information logs when a test needs explaining.</summary>
    private static bool Verbose => Environment.GetEnvironmentVariable("MLOPS_TEST_LOG") == "1";

    /// <param name="logs">Receives what the runtime logs (the product's own categories from Information, the rest from Warning), for tests that assert on it.</param>
    public static async Task<LocalRuntime> StartAsync(string connectionString, IDictionary<string, string?>? overrides = null, ILoggerProvider? logs = null)
    {
        string prefix = UniqueName.For("t");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:Prefix"] = prefix,
            ["Host:TaskHub"] = "hub" + prefix,
            ["Host:ApiUrl"] = "http://127.0.0.1:0",
            ["Host:ApiKey"] = "test-key",
            ["Host:DiscoveryFile"] = string.Empty, // never the user's ~/.mlops/host.json
            ["Host:WatcherPollInterval"] = "00:00:00.200",
            ["Host:QueuePollingInterval"] = "00:00:00.100",
        };
        foreach ((string key, string? value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return await LocalRuntime.StartAsync(configuration, logging =>
        {
            (Verbose ? logging.AddSimpleConsole(o => o.SingleLine = true) : logging).SetMinimumLevel(Verbose ? LogLevel.Information : LogLevel.Warning);
            if (logs is not null)
            {
                logging.AddProvider(logs).AddFilter("MlOps", LogLevel.Information);
            }
        });
    }
}
