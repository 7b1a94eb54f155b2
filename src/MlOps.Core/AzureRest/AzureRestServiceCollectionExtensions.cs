using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MlOps.Core.AzureRest;

public static class AzureRestServiceCollectionExtensions
{
    /// <summary>
    /// The Azure REST clients (Cost Management, Azure Monitor Metrics, Log Analytics, Retail Prices) with options from
    /// the Azure section. The app's credential is DefaultAzureCredential (the managed identity in Azure) unless a
    /// TokenCredential is registered already; nothing asks it for a token until a client is called.
    /// </summary>
    public static IServiceCollection AddAzureRestClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AzureRestOptions>().Bind(configuration.GetSection(AzureRestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton<AzureRestPipelines>();
        services.AddSingleton<CostManagementClient>();
        services.AddSingleton<MonitorMetricsClient>();
        services.AddSingleton<LogAnalyticsClient>();
        services.AddSingleton<RetailPricesClient>();
        return services;
    }
}
