using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>The search space used when a spec lists no trainers, per task, in priority order.</summary>
internal static class DefaultCandidates
{
    public static IReadOnlyList<CandidateSpec> For(ModelTask task) => task switch
    {
        ModelTask.Binary => [GradientBoosting, Candidate(TrainerCatalog.LbfgsLogisticRegression), SmallDataGradientBoosting, Candidate(TrainerCatalog.FastForest)],
        ModelTask.Multiclass => [GradientBoosting, Candidate(TrainerCatalog.LbfgsMaximumEntropy), SmallDataGradientBoosting],
        _ => [GradientBoosting, Candidate(TrainerCatalog.Sdca), SmallDataGradientBoosting, Candidate(TrainerCatalog.FastForest)],
    };

    private static CandidateSpec GradientBoosting => Candidate(TrainerCatalog.LightGbm, ("featureFraction", 0.7));

    private static CandidateSpec SmallDataGradientBoosting =>
        Candidate(TrainerCatalog.LightGbm, ("featureFraction", 0.5), ("learningRate", 0.05), ("numberOfIterations", 200), ("numberOfLeaves", 8));

    private static CandidateSpec Candidate(string trainer, params (string Name, double Value)[] parameters) =>
        new(trainer, parameters.ToDictionary(p => p.Name, p => p.Value));
}
