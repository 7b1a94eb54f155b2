using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core;
using MlOps.Core.Storage;

namespace MlOps.Testing;

/// <summary>Core services on the shared Azurite under a fresh storage prefix: an isolated environment per test.</summary>
public static class CoreServices
{
    public static async Task<ServiceProvider> CreateAsync(string connectionString, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:Prefix"] = UniqueName.For("c"),
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        ServiceProvider services = new ServiceCollection()
            .AddLogging()
            .AddMlOpsCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .BuildServiceProvider();
        await services.GetRequiredService<MlOpsStorage>().EnsureCreatedAsync();
        return services;
    }
}
