using Microsoft.DurableTask;
using Microsoft.ML;
using MlOps.Core.Artifacts;
using MlOps.Core.Data;
using MlOps.Core.Evaluation;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>Trains the spec's candidate on the train split, scores it on validation, and stores it as this run's candidate artifact.</summary>
public sealed class TrainActivity : TaskActivity<StageInput, TrainResult>
{
    private readonly PreparedDatasetStore _prepared;
    private readonly SpecStore _specs;
    private readonly ArtifactStore _artifacts;
    private readonly MlOpsStorage _storage;
    private readonly StepRecorder _steps;

    public TrainActivity(PreparedDatasetStore prepared, SpecStore specs, ArtifactStore artifacts, MlOpsStorage storage, StepRecorder steps)
    {
        _prepared = prepared;
        _specs = specs;
        _artifacts = artifacts;
        _storage = storage;
        _steps = steps;
    }

    public override Task<TrainResult> RunAsync(TaskActivityContext context, StageInput input) =>
        _steps.RecordAsync(input.RunId, 2, "train", () => TrainAsync(input, CancellationToken.None), r => (RunStatus.Succeeded, r.Trainer), CancellationToken.None);

    private async Task<TrainResult> TrainAsync(StageInput input, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        PipelineSpec spec = (await _specs.GetAsync(input.Model, input.SpecVersion, cancellationToken).ConfigureAwait(false))?.Spec
            ?? throw new InvalidOperationException($"Spec version {input.SpecVersion} of '{input.Model}' is missing.");
        FeatureLayout layout = await _prepared.GetLayoutAsync(input.PreparedPrefix, cancellationToken).ConfigureAwait(false);
        string trainPath = await _prepared.GetLocalSplitAsync(input.PreparedPrefix, PreparedDatasetStore.TrainFile, cancellationToken).ConfigureAwait(false);
        string validationPath = await _prepared.GetLocalSplitAsync(input.PreparedPrefix, PreparedDatasetStore.ValidationFile, cancellationToken).ConfigureAwait(false);

        TrainedModel trained = ModelTrainer.Train(layout, trainPath, spec.Training.Trainers.FirstOrDefault() ?? new TrainerSpec(), spec.Training.Seed);
        Dictionary<string, double> validation = ModelEvaluator.Evaluate(trained.Transformer, layout, validationPath, spec.Training.Seed);

        using var buffer = new MemoryStream();
        ModelTrainer.Save(new MLContext(spec.Training.Seed), trained, buffer);
        string path = $"{input.Model}/runs/{input.RunId}/candidate.zip";
        StoredArtifact stored = await _artifacts.WriteAsync(_storage.Layout.Models, path, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        return new TrainResult
        {
            CandidatePath = path,
            CandidateSha256 = stored.Sha256,
            Trainer = trained.Trainer,
            Parameters = new Dictionary<string, double>(trained.Parameters),
            ValidationMetrics = validation,
            DurationMs = started.Elapsed.TotalMilliseconds,
        };
    }
}
