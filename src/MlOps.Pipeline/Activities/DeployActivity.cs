using Microsoft.DurableTask;
using MlOps.Core.Artifacts;
using MlOps.Core.Data;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serialization;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// Registers the candidate as an immutable version and, when the gate passed and the spec deploys automatically,
/// moves the production alias to it (only if production has not moved since evaluation).
/// </summary>
public sealed class DeployActivity : TaskActivity<DeployInput, DeployResult>
{
    private readonly ModelRegistry _registry;
    private readonly ArtifactStore _artifacts;
    private readonly PreparedDatasetStore _prepared;
    private readonly SpecStore _specs;
    private readonly MlOpsStorage _storage;
    private readonly StepRecorder _steps;

    public DeployActivity(ModelRegistry registry, ArtifactStore artifacts, PreparedDatasetStore prepared, SpecStore specs, MlOpsStorage storage, StepRecorder steps)
    {
        _registry = registry;
        _artifacts = artifacts;
        _prepared = prepared;
        _specs = specs;
        _storage = storage;
        _steps = steps;
    }

    public override Task<DeployResult> RunAsync(TaskActivityContext context, DeployInput input) =>
        _steps.RecordAsync(input.Stage.RunId, 4, "deploy", () => DeployAsync(input, CancellationToken.None),
            r => (r.Promoted ? RunStatus.Succeeded : RunStatus.NotPromoted, r.Reason), CancellationToken.None);

    private async Task<DeployResult> DeployAsync(DeployInput input, CancellationToken cancellationToken)
    {
        StageInput stage = input.Stage;
        PipelineSpec spec = (await _specs.GetAsync(stage.Model, stage.SpecVersion, cancellationToken).ConfigureAwait(false))!.Spec;
        FeatureLayout layout = await _prepared.GetLayoutAsync(stage.PreparedPrefix, cancellationToken).ConfigureAwait(false);
        byte[] candidate = await _artifacts.ReadVerifiedAsync(_storage.Layout.Models, stage.CandidatePath!, stage.CandidateSha256!, cancellationToken).ConfigureAwait(false);

        ModelVersionRecord version = await _registry.RegisterAsync(new ModelVersionRecord
        {
            Model = stage.Model,
            RunId = stage.RunId,
            DatasetVersion = stage.DatasetVersion,
            SpecVersion = stage.SpecVersion,
            ArtifactPath = string.Empty, // the registry names it after the allocated version
            Sha256 = stage.CandidateSha256!,
            SizeBytes = candidate.Length,
            Trainer = input.Training.Trainer,
            Parameters = input.Training.Parameters,
            Metrics = input.Evaluation.Metrics,
            Layout = layout,
        }, cancellationToken).ConfigureAwait(false);
        await _artifacts.WriteAsync(_storage.Layout.Models, version.ArtifactPath, candidate, cancellationToken).ConfigureAwait(false);
        await _artifacts.WriteAsync(_storage.Layout.Models, $"{stage.Model}/{version.Version}/metrics.json",
            BinaryData.FromString(JsonDefaults.Serialize(input.Evaluation)).ToMemory(), cancellationToken).ConfigureAwait(false);

        if (!input.Evaluation.Decision.Passed)
        {
            return new DeployResult { Version = version.Version, Promoted = false, Reason = "gate: " + string.Join("; ", input.Evaluation.Decision.Reasons) };
        }

        if (spec.Deployment.Mode != DeploymentMode.Auto)
        {
            return new DeployResult { Version = version.Version, Promoted = false, Reason = $"registered only (deployment mode {spec.Deployment.Mode})" };
        }

        AliasRecord? current = await _registry.GetAliasAsync(stage.Model, ModelRegistry.Production, cancellationToken).ConfigureAwait(false);
        if (current?.Version == version.Version)
        {
            return new DeployResult { Version = version.Version, Promoted = true, Reason = "already production" }; // a retried activity
        }

        try
        {
            await _registry.PromoteAsync(stage.Model, ModelRegistry.Production, version.Version, input.Evaluation.ProductionVersion, "pipeline",
                string.Join("; ", input.Evaluation.Decision.Reasons), stage.RunId, JsonDefaults.Serialize(input.Evaluation.Decision), cancellationToken).ConfigureAwait(false);
            return new DeployResult { Version = version.Version, Promoted = true, Reason = string.Join("; ", input.Evaluation.Decision.Reasons) };
        }
        catch (PromotionConflictException ex)
        {
            return new DeployResult { Version = version.Version, Promoted = false, Reason = ex.Message };
        }
    }
}
