using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

/// <summary>Trains one candidate on the first fold of a shared dataset, for tests that need a real model.</summary>
public static class TrainedModels
{
    public static (SharedDataset Dataset, FoldFiles Files, CandidateResult Result, byte[] Model) Train(
        string dataset, TemporaryDirectory directory, CandidateSpec? candidate = null, PipelineSpec? spec = null)
    {
        SharedDataset shared = SharedDataset.Load(dataset);
        FoldFiles files = shared.WriteFolds(directory.Path, folds: 5, seed: 0)[0];
        spec ??= new PipelineSpec { Task = shared.Task, Label = shared.Layout.Label };
        candidate ??= new CandidateSpec("LightGbm", new Dictionary<string, double>());
        (CandidateResult result, byte[]? model) = new CandidateTrainer().Train(shared.Layout, spec, candidate, files.Train, files.Validation);
        return (shared, files, result, model ?? throw new InvalidOperationException(result.Error));
    }
}
