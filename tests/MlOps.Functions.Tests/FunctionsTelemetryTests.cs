using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Telemetry;
using OpenTelemetry.Trace;

namespace MlOps.Functions.Tests;

public sealed class FunctionsTelemetryTests
{
    [Fact]
    public void AddMlOpsFunctionsTelemetry_NoConnectionString_RegistersNothing()
    {
        var services = new ServiceCollection();

        Assert.False(services.AddMlOpsFunctionsTelemetry(new ConfigurationBuilder().Build()));
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Null(provider.GetService<TracerProvider>());
    }

    [Fact]
    public void AddMlOpsFunctionsTelemetry_ConnectionString_RegistersTheProvidersWithTheProductSources()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000002;IngestionEndpoint=https://127.0.0.1:9/",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();

        Assert.True(services.AddMlOpsFunctionsTelemetry(configuration));
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.True(MlOpsTracing.Source.HasListeners());
    }
}
