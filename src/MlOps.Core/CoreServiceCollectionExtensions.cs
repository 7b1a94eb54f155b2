using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlOps.Core.Alerts;
using MlOps.Core.Artifacts;
using MlOps.Core.AzureRest;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Pricing;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Core.Cost.Recommendations;
using MlOps.Core.Data;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Decay;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Specs;
using MlOps.Core.Storage;

namespace MlOps.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers storage, registry, data, training and serving services, with options bound from configuration and validated at start-up.</summary>
    public static IServiceCollection AddMlOpsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => o.IsConfigured, "Storage:ConnectionString or Storage:AccountUri must be set (the local host sets it when it starts Azurite).")
            .ValidateOnStart();
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ServingOptions>().Bind(configuration.GetSection(ServingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CostOptions>().Bind(configuration.GetSection(CostOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CostOptions>, CostOptionsValidation>();

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<MlOpsMetrics>();
        services.AddSingleton<AlertPublisher>();
        services.AddSingleton<MlOpsStorage>();
        services.AddSingleton<Health.StorageReadiness>();
        services.AddSingleton<SpecStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<CandidateStore>();
        services.AddSingleton<Training.CandidateTrainer>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ArtifactStore>();
        services.AddSingleton<DatasetVersionStore>();
        services.AddSingleton<PreparedDatasetStore>();
        services.AddSingleton<DatasetIngestor>();
        services.AddSingleton<ModelCache>();
        services.AddSingleton<PredictionService>();
        services.AddSingleton<Monitoring.Serving.ServingStatistics>();
        services.AddOptions<Monitoring.Serving.ServingHealthOptions>().Bind(configuration.GetSection(Monitoring.Serving.ServingHealthOptions.SectionName))
            .Validate(o => !o.UsesAzureMonitor || Guid.TryParse(o.WorkspaceId, out _), "ServingHealth:WorkspaceId must be the Log Analytics workspace id (its customerId, a GUID).")
            .ValidateOnStart();
        services.AddSingleton<Monitoring.Serving.ServingHealthMonitor>();
        services.AddSingleton<BatchScorer>();
        services.AddSingleton<PredictionLogReader>();
        services.AddSingleton<FeedbackReader>();
        services.AddSingleton<DriftReportStore>();
        services.AddSingleton<Registry.Cards.ModelCardReader>();
        services.AddSingleton<ReferencePredictionsStore>();
        services.AddSingleton<ModelMonitor>();
        services.AddSingleton<PriceSheetProvider>();
        services.AddSingleton<CostLedger>();
        services.AddSingleton<UsageMeter>();
        services.AddSingleton<ServingMeter>();
        services.AddSingleton<CostMeter>();
        services.AddSingleton<BudgetGuard>();
        services.AddSingleton<CostReports>();
        services.AddSingleton<CostRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<CostRecorder>());
        services.AddSingleton<RetrainCoordinator>();
        services.AddSingleton<MonitorStore>();
        services.AddAzureRestClients(configuration);
        services.AddOptions<CostMonitorOptions>().Bind(configuration.GetSection(CostMonitorOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CostReportStore>();
        services.AddSingleton<CostMonitor>();
        services.AddOptions<RecommendationOptions>().Bind(configuration.GetSection(RecommendationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CostRecommender>();
        services.AddOptions<PriceRefreshOptions>().Bind(configuration.GetSection(PriceRefreshOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PriceSheetRefresher>();
        services.AddSingleton<PredictionLog>();
        services.AddHostedService(provider => provider.GetRequiredService<PredictionLog>());
        return services;
    }
}
