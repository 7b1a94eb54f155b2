using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Alerts;
using MlOps.Core.Artifacts;
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
        services.AddSingleton<BatchScorer>();
        services.AddSingleton<PredictionLogReader>();
        services.AddSingleton<FeedbackReader>();
        services.AddSingleton<DriftReportStore>();
        services.AddSingleton<ReferencePredictionsStore>();
        services.AddSingleton<ModelMonitor>();
        services.AddSingleton<RetrainCoordinator>();
        services.AddSingleton<MonitorStore>();
        services.AddSingleton<PredictionLog>();
        services.AddHostedService(provider => provider.GetRequiredService<PredictionLog>());
        return services;
    }
}
