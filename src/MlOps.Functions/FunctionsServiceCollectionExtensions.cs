using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Functions.Triggers;
using MlOps.Pipeline;
using MlOps.Pipeline.Durable;

namespace MlOps.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shared pipeline (Core, activities, run starter, HTTP handlers), what the triggers add to it, and
    /// the payload contract: the worker's serializer, which the Durable extension also uses for orchestration and
    /// activity payloads, is the one the local host's Durable Task worker and client use.
    /// </summary>
    public static IServiceCollection AddMlOpsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorkerOptions>(worker => worker.Serializer = DurablePayloads.Serializer);
        services.AddMlOpsPipeline(configuration);
        services.AddSingleton<DatasetUploadStarter>();
        return services;
    }
}
