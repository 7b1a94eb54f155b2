using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MlOps.Core.Cost;
using MlOps.Core.Storage;
using MlOps.Pipeline;

namespace MlOps.Host.Runtime;

/// <summary>
/// The local host: storage (an embedded Azurite unless one is configured), the durable sidecar on the Azure Storage
/// backend, the Durable Task worker and client, the blob watcher and the HTTP API on Kestrel — one process, the same
/// orchestrations and activities as the Functions app.
/// </summary>
public sealed class LocalRuntime : IAsyncDisposable
{
    private readonly AzuriteEmulator? _azurite;
    private readonly DurableSidecar _sidecar;
    private readonly WebApplication _app;
    private readonly UsageMeter _meter;

    private LocalRuntime(AzuriteEmulator? azurite, DurableSidecar sidecar, WebApplication app, string connectionString, string? discoveryFile, UsageMeter meter)
    {
        _meter = meter;
        _azurite = azurite;
        _sidecar = sidecar;
        _app = app;
        ConnectionString = connectionString;
        ApiBaseUrl = app.Urls.First().TrimEnd('/');
        DiscoveryFile = string.IsNullOrWhiteSpace(discoveryFile) ? null : discoveryFile;
    }

    /// <summary>The discovery file this host wrote (see <see cref="HostDiscovery"/>), or null.</summary>
    public string? DiscoveryFile { get; }

    public string ConnectionString { get; }

    public string ApiBaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public DurableTaskClient Client => _app.Services.GetRequiredService<DurableTaskClient>();

    public string ApiKey => _app.Services.GetRequiredService<ApiKeyProvider>().Key;

    /// <param name="configuration">Sections Storage, Azurite, Host, Ingest, Serving; command-line and environment overrides included.</param>
    public static async Task<LocalRuntime> StartAsync(IConfiguration configuration, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using ILoggerFactory bootLoggers = LoggerFactory.Create(b => (logging ?? DefaultLogging)(b));
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var hostOptions = configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();

        AzuriteEmulator? azurite = null;
        string connectionString = storage.ConnectionString ?? string.Empty;
        if (!storage.IsConfigured)
        {
            var azuriteOptions = configuration.GetSection(AzuriteOptions.SectionName).Get<AzuriteOptions>() ?? new AzuriteOptions();
            azurite = await AzuriteEmulator.StartAsync(azuriteOptions, bootLoggers.CreateLogger<AzuriteEmulator>(), cancellationToken).ConfigureAwait(false);
            connectionString = azurite.ConnectionString;
        }
        else if (string.IsNullOrEmpty(connectionString))
        {
            throw new NotSupportedException("The local host's durable backend needs Storage:ConnectionString; managed identity (Storage:AccountUri) is for the Functions app.");
        }

        DurableSidecar? sidecar = null;
        // Created before the sidecar, whose task hub clients count their requests into it, and shared with the app.
        var meter = new UsageMeter(Options.Create(configuration.GetSection(CostOptions.SectionName).Get<CostOptions>() ?? new CostOptions()));
        try
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Configuration.AddConfiguration(configuration);
            builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.ConnectionString)}"] = connectionString;
            builder.Logging.ClearProviders();
            (logging ?? DefaultLogging)(builder.Logging);
            sidecar = await DurableSidecar.StartAsync(
                connectionString, hostOptions, logging ?? DefaultLogging, meter.Enabled ? meter.Backend : null, cancellationToken).ConfigureAwait(false);

            builder.WebHost.UseUrls(hostOptions.ApiUrl);
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 32 * 1024 * 1024);
            builder.Services.AddOptions<LocalHostOptions>().Bind(builder.Configuration.GetSection(LocalHostOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
            builder.Services.AddMlOpsPipeline(builder.Configuration);
            builder.Services.AddSingleton(meter);
            builder.Services.AddSingleton<ApiKeyProvider>();
            builder.Services.AddHostedService<BlobWatcher>();
            builder.Services.AddHostedService<MonitorScheduleService>();
            builder.Services.AddHostedService<CostScheduleService>();
            builder.Services.AddMlOpsDurableTask(sidecar.Channel);
            builder.AddMlOpsHostTelemetry();

            builder.Services.AddProblemDetails();
            WebApplication app = builder.Build();
            app.UseMlOpsProblemDetails();
            app.MapMlOpsApi();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var runtime = new LocalRuntime(azurite, sidecar, app, connectionString, hostOptions.DiscoveryFile, meter);
            runtime.WriteDiscoveryFile(bootLoggers.CreateLogger<LocalRuntime>());
            return runtime;
        }
        catch
        {
            meter.Dispose();
            if (sidecar is not null)
            {
                await sidecar.DisposeAsync().ConfigureAwait(false);
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (DiscoveryFile is not null)
        {
            HostDiscovery.RemoveIfOwn(DiscoveryFile, ApiBaseUrl);
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _sidecar.DisposeAsync().ConfigureAwait(false);
        _meter.Dispose();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void WriteDiscoveryFile(ILogger logger)
    {
        if (DiscoveryFile is null)
        {
            return;
        }

        if (HostDiscovery.ReadLive(DiscoveryFile) is { } other && other.ProcessId != Environment.ProcessId)
        {
            logger.LogWarning("Another host (process {ProcessId}, API {ApiUrl}) is recorded in {DiscoveryFile}; this one replaces it as the CLI's default",
                other.ProcessId, other.ApiUrl, DiscoveryFile);
        }

        try
        {
            HostDiscovery.Write(DiscoveryFile, HostDiscovery.ForThisProcess(ApiBaseUrl, ApiKey, Services.GetRequiredService<MlOpsStorage>(), ConnectionString));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The host serves either way; only the CLI's default address is lost, and the warning says how to get it back.
            logger.LogWarning(ex, "Could not write {DiscoveryFile}: the CLI will not find this host by itself; pass --api-url {ApiUrl}", DiscoveryFile, ApiBaseUrl);
        }
    }

    private static void DefaultLogging(ILoggingBuilder logging) =>
        logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("MlOps", LogLevel.Information);
}
