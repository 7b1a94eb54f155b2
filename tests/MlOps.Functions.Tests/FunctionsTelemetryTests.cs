using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlOps.Core.Telemetry;
using MlOps.Functions.Tests.Hosting;
using MlOps.Testing;
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

    [Fact]
    public async Task FunctionsApp_ConnectionString_ExportsOverHttpsWithTheAppsEntraTokenAndSamplesOnlyRequests()
    {
        await using LoopbackAzure azure = await LoopbackAzure.StartAsync();
        string run = UniqueName.For("run ");
        IServiceCollection registered = null!;
        using IHost app = FunctionsApp.Build(
            new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=00000000-0000-0000-0000-000000000004;IngestionEndpoint={azure.BaseUri}",
                ["Telemetry:RequestSamplingRatio"] = "0",
            },
            services =>
            {
                registered = services;
                azure.AddTo(services);
            });

        // The app is built, never started (starting connects to a Functions host): its telemetry services start here,
        // as the worker would start them (the Azure Monitor exporter's registration service among them).
        IHostedService[] telemetry = [.. registered.Where(d => d.ServiceType == typeof(IHostedService) && IsTelemetry(d))
            .Select(d => d.ImplementationFactory?.Invoke(app.Services) ?? ActivatorUtilities.CreateInstance(app.Services, d.ImplementationType!))
            .Cast<IHostedService>()];
        Assert.NotEmpty(telemetry);
        foreach (IHostedService service in telemetry)
        {
            await service.StartAsync(CancellationToken.None);
        }

        TracerProvider tracing = app.Services.GetRequiredService<TracerProvider>();
        Assert.False(app.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName).EnableLiveMetrics);

        Activity? previous = Activity.Current;
        Activity.Current = null; // each span below starts a trace of its own
        try
        {
            using (Activity? root = MlOpsTracing.StartRoot(run, "bc"))
            {
                Assert.NotNull(root);
            }

            using (Activity? request = MlOpsTracing.Source.StartActivity(MlOpsTracing.PredictSpanName))
            {
                Assert.False(request?.Recorded ?? false); // a request at ratio 0 is not kept
            }
        }
        finally
        {
            Activity.Current = previous;
        }

        // The exporter's transmission completes after the flush returns.
        Assert.True(tracing.ForceFlush(30_000));
        string span = await Eventually.ValueAsync(
            () => Task.FromResult(azure.TrackedItems.FirstOrDefault(item => item.Contains($"\"name\":\"{run}\"", StringComparison.Ordinal))),
            "the run's span at the loopback ingestion endpoint", TimeSpan.FromSeconds(60),
            () => string.Join("\n", azure.Requests.Select(r => $"{r.Method} {r.Path} {r.Authorization} {r.Body[..Math.Min(200, r.Body.Length)]}")));
        foreach (IHostedService service in telemetry)
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Contains(LoopbackAzure.IngestionScope, azure.Credential.RequestedScopes);
        Assert.Contains("\"model\":\"bc\"", span, StringComparison.Ordinal);
        Assert.DoesNotContain(azure.RequestsTo("/v2.1/track"), r => r.Authorization is null || !r.Authorization.StartsWith("Bearer ", StringComparison.Ordinal));
    }

    private static bool IsTelemetry(ServiceDescriptor descriptor)
    {
        Type? type = descriptor.ImplementationType ?? descriptor.ImplementationFactory?.Method.DeclaringType;
        return type is not null && (type.Assembly == typeof(AzureMonitorExporterOptions).Assembly || type.Assembly.GetName().Name!.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }
}
