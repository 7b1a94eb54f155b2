namespace MlOps.Host.Runtime;

/// <summary>Configuration for the local host: appsettings.json beside the program or in the working directory, MLOPS_-prefixed environment variables, then explicit overrides.</summary>
public static class HostConfiguration
{
    public static IConfiguration Build(IDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("MLOPS_")
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
}
