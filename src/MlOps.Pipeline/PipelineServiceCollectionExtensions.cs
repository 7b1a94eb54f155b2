using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Http;
using MlOps.Pipeline.Starting;

namespace MlOps.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>Registers Core, the activities, the run starter and the HTTP handlers shared by both hosts.</summary>
    public static IServiceCollection AddMlOpsPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMlOpsCore(configuration);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StepRecorder>(sp, configuration.GetValue<TimeSpan?>(StepRecorder.StagePauseSetting) ?? TimeSpan.Zero));
        services.AddSingleton<Cost.OrchestrationCost>();
        services.AddSingleton<RunSpendActivity>();
        services.AddSingleton<IngestActivity>();
        services.AddSingleton<PlanCandidatesActivity>();
        services.AddSingleton<TrainCandidateActivity>();
        services.AddSingleton<CompleteTrainingActivity>();
        services.AddSingleton<EvaluateActivity>();
        services.AddSingleton<DeployActivity>();
        services.AddSingleton<PromoteActivity>();
        services.AddSingleton<UpdateRunStatusActivity>();
        services.AddSingleton<ProductionPromoter>();
        services.AddSingleton<CheckDriftActivity>();
        services.AddSingleton<CheckDecayActivity>();
        services.AddSingleton<CheckServingHealthActivity>();
        services.AddSingleton<PlanRetrainActivity>();
        services.AddSingleton<RecordMonitorActivity>();
        services.AddSingleton<Monitoring.MonitorScheduler>();
        services.AddSingleton<RefreshPriceSheetActivity>();
        services.AddSingleton<CollectAzureCostActivity>();
        services.AddSingleton<ReconcileCostActivity>();
        services.AddSingleton<RaiseCostAnomaliesActivity>();
        services.AddSingleton<Monitoring.CostMonitorScheduler>();
        services.AddSingleton<RunStarter>();
        services.AddSingleton<MlOpsApi>();
        services.AddSingleton<HealthApi>();
        services.AddSingleton<RegistryApi>();
        services.AddSingleton<MonitoringApi>();
        services.AddSingleton<CostMonitoringApi>();
        services.AddSingleton<CostApi>();
        services.AddSingleton<Dashboard.DashboardPage>();
        return services;
    }
}
