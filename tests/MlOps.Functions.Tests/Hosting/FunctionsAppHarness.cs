using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Functions.Tests.Hosting;

/// <summary>
/// The Functions app without the Functions host: its service provider built as Program.cs builds it, its orchestrator
/// and activity functions registered on a Durable Task worker over the Azure Storage backend on Azurite (the durable
/// sidecar the local host uses), with the app's own data converter, and its HTTP and trigger functions called through
/// <see cref="FunctionInvoker"/> with real requests and blobs.
/// </summary>
public sealed class FunctionsAppHarness : IAsyncDisposable
{
    private readonly IHost _app;
    private readonly DurableSidecar _sidecar;
    private readonly IHost _worker;

    private FunctionsAppHarness(IHost app, DurableSidecar sidecar, IHost worker, FunctionInvoker invoker)
    {
        _app = app;
        _sidecar = sidecar;
        _worker = worker;
        Invoker = invoker;
    }

    public IServiceProvider Services => _app.Services;

    public FunctionInvoker Invoker { get; }

    /// <summary>The client the [DurableClient] bindings get, on the app's data converter.</summary>
    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();

    public MlOpsStorage Storage => Services.GetRequiredService<MlOpsStorage>();

    public static async Task<FunctionsAppHarness> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        string prefix = UniqueName.For("f");
        var appSettings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:Prefix"] = prefix,
            ["TaskHubName"] = "hub" + prefix,
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            appSettings[key] = value;
        }

        IHost app = FunctionsApp.Build(appSettings);
        await app.Services.GetRequiredService<MlOpsStorage>().EnsureCreatedAsync();
        var invoker = new FunctionInvoker(app.Services);
        DurableSidecar sidecar = await DurableSidecar.StartAsync(
            connectionString, new LocalHostOptions { TaskHub = appSettings["TaskHubName"]!, QueuePollingInterval = TimeSpan.FromMilliseconds(100) },
            logging => logging.SetMinimumLevel(LogLevel.Warning), backendCounters: null, CancellationToken.None);
        try
        {
            DataConverter workerConverter = app.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
            DataConverter clientConverter = app.Services.GetRequiredService<IOptions<DurableTaskClientOptions>>().Value.DataConverter;
            HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddDurableTaskWorker(worker =>
            {
                worker.UseGrpc(sidecar.Channel);
                worker.Configure(options => options.DataConverter = workerConverter);
                worker.AddTasks(tasks =>
                {
                    foreach ((string name, _) in FunctionCatalog.WithTrigger<OrchestrationTriggerAttribute>())
                    {
                        tasks.AddOrchestrator(name, () => new FunctionOrchestrator(name, invoker));
                    }

                    foreach ((string name, _) in FunctionCatalog.WithTrigger<ActivityTriggerAttribute>())
                    {
                        tasks.AddActivity(name, _ => new FunctionActivity(name, invoker));
                    }
                });
            });
            builder.Services.AddDurableTaskClient(client =>
            {
                client.UseGrpc(sidecar.Channel);
                client.Configure(options => options.DataConverter = clientConverter);
            });
            IHost worker = builder.Build();
            await worker.StartAsync();
            return new FunctionsAppHarness(app, sidecar, worker, invoker);
        }
        catch
        {
            await sidecar.DisposeAsync();
            app.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Calls an HTTP function with a request for its route (the route values filled in from <paramref name="route"/>),
    /// binds route parameters, the request and the durable client by name and type as the worker does, and executes
    /// the result it returns against a response.
    /// </summary>
    public async Task<HttpCall> HttpAsync(string function, IReadOnlyDictionary<string, string> route, string? body = null, string? query = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        MethodInfo method = FunctionCatalog.All[function];
        HttpTriggerAttribute trigger = FunctionCatalog.TriggerParameter<HttpTriggerAttribute>(method).GetCustomAttribute<HttpTriggerAttribute>()!;
        string path = "/api/" + string.Join('/', trigger.Route!.Split('/').Select(segment =>
            segment.StartsWith('{') ? Uri.EscapeDataString(route[segment.Trim('{', '}').Split(':')[0]]) : segment));

        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = trigger.Methods!.Single().ToUpperInvariant();
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query is null ? string.Empty : "?" + query);
        if (body is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        http.Response.Body = new MemoryStream();
        var result = (IActionResult)(await Invoker.InvokeAsync(function, p =>
            p.ParameterType == typeof(HttpRequest) ? http.Request
            : p.ParameterType == typeof(DurableTaskClient) ? Client
            : route.TryGetValue(p.Name!, out string? value) ? Convert.ChangeType(value, p.ParameterType, CultureInfo.InvariantCulture)
            : throw FunctionInvoker.CannotBind(function, p)))!;
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        return new HttpCall(function, http.Response.StatusCode, http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            http.Response.ContentType, ((MemoryStream)http.Response.Body).ToArray());
    }

    /// <summary>Calls a trigger function (blob, timer) binding its parameters by type from <paramref name="values"/> and the durable client.</summary>
    public Task<object?> TriggerAsync(string function, params object[] values) =>
        Invoker.InvokeAsync(function, p =>
            p.ParameterType == typeof(DurableTaskClient) ? Client
            : values.FirstOrDefault(p.ParameterType.IsInstanceOfType) ?? throw FunctionInvoker.CannotBind(function, p));

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        OrchestrationMetadata done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instanceId}: {done.RuntimeStatus} {done.FailureDetails?.ErrorType}: {done.FailureDetails?.ErrorMessage}");
        return done;
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _sidecar.DisposeAsync();
        _app.Dispose();
    }
}
