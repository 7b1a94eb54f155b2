using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core;
using MlOps.Core.Storage;

namespace MlOps.Testing;

/// <summary>Core services on the shared Azurite under a fresh storage prefix: an isolated environment per test.</summary>
public static class CoreServices
{
    /// <param name="services">Registrations before the core's (a loopback Azure's credential and transport).</param>
    public static async Task<ServiceProvider> CreateAsync(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
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

        var collection = new ServiceCollection();
        services?.Invoke(collection);
        ServiceProvider provider = collection
            .AddLogging()
            .AddMlOpsCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .BuildServiceProvider();
        await provider.GetRequiredService<MlOpsStorage>().EnsureCreatedAsync();
        return provider;
    }
}
