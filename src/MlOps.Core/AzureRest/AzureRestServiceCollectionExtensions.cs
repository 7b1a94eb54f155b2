using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOps.Core.Identity;

namespace MlOps.Core.AzureRest;

public static class AzureRestServiceCollectionExtensions
{
    /// <summary>
    /// The Azure REST clients (Cost Management, Azure Monitor Metrics, Log Analytics, Retail Prices) with options from
    /// the Azure section. The app's credential is its managed identity in Azure (the user-assigned one named by
    /// AZURE_CLIENT_ID) and the developer's sign-in elsewhere, unless a TokenCredential is registered already;
    /// nothing asks it for a token until a client is called.
    /// </summary>
    public static IServiceCollection AddAzureRestClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AzureRestOptions>().Bind(configuration.GetSection(AzureRestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<TokenCredential>(_ => AzureCredentials.Choose(credential: null, clientId: null, Environment.GetEnvironmentVariable).Create());
        services.AddSingleton<AzureRestPipelines>();
        services.AddSingleton<CostManagementClient>();
        services.AddSingleton<MonitorMetricsClient>();
        services.AddSingleton<LogAnalyticsClient>();
        services.AddSingleton<RetailPricesClient>();
        return services;
    }
}
