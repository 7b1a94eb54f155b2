using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Functions.Triggers;
using MlOps.Pipeline;

namespace MlOps.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Registers the shared pipeline (Core, activities, run starter, HTTP handlers) and what the triggers add to it.</summary>
    public static IServiceCollection AddMlOpsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMlOpsPipeline(configuration);
        services.AddSingleton<DatasetUploadStarter>();
        return services;
    }
}
