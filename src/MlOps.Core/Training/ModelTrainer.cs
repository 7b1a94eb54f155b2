using Microsoft.ML;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>
/// Trains a single trainer on a split, for callers that do not search (the search goes through
/// <see cref="SearchSpace"/> and <see cref="CandidateTrainer"/>). The label mapping stays outside the saved model.
/// </summary>
public static class ModelTrainer
{
    public static TrainedModel Train(FeatureLayout layout, string trainPath, TrainerSpec trainer, int seed)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(trainer);
        var spec = new PipelineSpec { Task = layout.Task, Label = layout.Label, Training = new TrainingSpec { Seed = seed } };
        var candidate = new CandidateSpec(trainer.Name, trainer.Parameters);
        var ml = new MLContext(seed);
        IDataView raw = TrainingDataLoader.LoadIntoMemory(ml, layout, trainPath);
        ITransformer model = new CandidateTrainer().Fit(ml, layout, spec, candidate, raw);
        var parameters = TrainerCatalog.Find(trainer.Name, layout.Task).Resolve(trainer.Parameters);
        return new TrainedModel(model, raw.Schema, layout, trainer.Name, parameters);
    }

    public static void Save(MLContext ml, TrainedModel model, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ml.Model.Save(model.Transformer, model.InputSchema, destination);
    }
}
