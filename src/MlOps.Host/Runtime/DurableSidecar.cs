using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using MlOps.Core.Cost;

namespace MlOps.Host.Runtime;

/// <summary>
/// The Durable Task gRPC sidecar on loopback, backed by the DTFx Azure Storage provider (the same backend Durable
/// Functions uses). The portable worker and client connect to it, so orchestrations run on real Azure Storage
/// (Azurite locally) without the Functions host.
/// </summary>
public sealed class DurableSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ILoggerFactory _loggers;
    private readonly GracefulOrchestrationService _dispatched;
    private readonly WorkItemLockRenewal _locks;

    private DurableSidecar(
        WebApplication app, GrpcChannel channel, AzureStorageOrchestrationService service, GracefulOrchestrationService dispatched, WorkItemLockRenewal locks, ILoggerFactory loggers)
    {
        _app = app;
        _loggers = loggers;
        _dispatched = dispatched;
        _locks = locks;
        Channel = channel;
        Service = service;
    }

    public GrpcChannel Channel { get; }

    public AzureStorageOrchestrationService Service { get; }

    /// <param name="backendCounters">Counts the task hub's own storage requests (orchestration overhead); null counts nothing.</param>
    public static async Task<DurableSidecar> StartAsync(
        string connectionString, LocalHostOptions options, Action<ILoggingBuilder> logging, StorageCounters? backendCounters, CancellationToken cancellationToken)
    {
        ILoggerFactory loggerFactory = LoggerFactory.Create(logging);
        var service = new AzureStorageOrchestrationService(BackendSettings(connectionString, options, loggerFactory, backendCounters));
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 64 * 1024 * 1024);
        var locks = new WorkItemLockRenewal(options.MessageVisibilityTimeout, loggerFactory.CreateLogger<WorkItemLockRenewal>());
        var dispatched = new GracefulOrchestrationService(service, locks, loggerFactory.CreateLogger<GracefulOrchestrationService>());
        builder.Services.AddSingleton<IOrchestrationService>(dispatched);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        WebApplication app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var channel = GrpcChannel.ForAddress(app.Urls.First(), new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        return new DurableSidecar(app, channel, service, dispatched, locks, loggerFactory);
    }

    /// <summary>
    /// The provider's settings. Its defaults suit DTFx's own dispatchers, which renew locks: messages stay invisible
    /// for 5 minutes after a host takes them, so work a crashed host held waited 5 minutes for another. Here the
    /// sidecar renews them (<see cref="WorkItemLockRenewal"/>), so the timeout can be short; and partition leases are
    /// checked every 5 s and expire 20 s after their owner last renewed them, so another host takes a dead host's
    /// partitions in under half a minute (a restarted host, with the same worker name, takes its own back at once).
    /// </summary>
    internal static AzureStorageOrchestrationServiceSettings BackendSettings(
        string connectionString, LocalHostOptions options, ILoggerFactory loggerFactory, StorageCounters? backendCounters) => new()
    {
        TaskHubName = options.TaskHub,
        WorkerId = string.IsNullOrWhiteSpace(options.WorkerName) ? Environment.MachineName : options.WorkerName,
        StorageAccountClientProvider = ClientsFor(connectionString, backendCounters),
        MaxQueuePollingInterval = options.QueuePollingInterval,
        ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
        LeaseAcquireInterval = TimeSpan.FromSeconds(5),
        LeaseRenewInterval = TimeSpan.FromSeconds(5),
        LeaseInterval = TimeSpan.FromSeconds(20),
        LoggerFactory = loggerFactory,
    };

    /// <summary>
    /// The provider's blob, queue and table clients, each with a policy counting its requests: the provider builds
    /// its own clients, but takes client options (to which it adds its own policies) through these providers.
    /// </summary>
    private static StorageAccountClientProvider ClientsFor(string connectionString, StorageCounters? counters)
    {
        if (counters is null)
        {
            return new StorageAccountClientProvider(connectionString);
        }

        var blob = new BlobClientOptions();
        blob.AddPolicy(StorageMeteringPolicy.Into(StorageService.Blob, counters), HttpPipelinePosition.PerRetry);
        var queue = new QueueClientOptions();
        queue.AddPolicy(StorageMeteringPolicy.Into(StorageService.Queue, counters), HttpPipelinePosition.PerRetry);
        var table = new TableClientOptions();
        table.AddPolicy(StorageMeteringPolicy.Into(StorageService.Table, counters), HttpPipelinePosition.PerRetry);
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(connectionString, blob),
            StorageServiceClientProvider.ForQueue(connectionString, queue),
            StorageServiceClientProvider.ForTable(connectionString, table));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync().ConfigureAwait(false);

        // The sidecar stops its dispatchers from a fire-and-forget handler; wait for it before disposing the provider.
        await _dispatched.StopAsync().ConfigureAwait(false);
        await _dispatched.Stopped.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await _locks.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Service.Dispose();
        _loggers.Dispose();
    }
}
