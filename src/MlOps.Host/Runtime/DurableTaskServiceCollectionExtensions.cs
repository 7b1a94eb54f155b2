using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using MlOps.Pipeline.Durable;

namespace MlOps.Host.Runtime;

public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// The portable Durable Task worker (every orchestrator and activity of the pipeline) and client on the sidecar's
    /// channel, both with the payload contract the Functions app uses, so either host reads what the other wrote.
    /// </summary>
    public static IServiceCollection AddMlOpsDurableTask(this IServiceCollection services, GrpcChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.Configure(options => options.DataConverter = DurablePayloads.Converter);
            worker.AddTasks(tasks => tasks.AddMlOpsPipelineTasks());
        });
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.Configure(options => options.DataConverter = DurablePayloads.Converter);
        });
        return services;
    }
}
