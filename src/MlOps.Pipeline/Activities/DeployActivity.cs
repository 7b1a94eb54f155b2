using Microsoft.DurableTask;
using MlOps.Core.Cost;
using Microsoft.ML;
using MlOps.Core.Alerts;
using MlOps.Core.Artifacts;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Serving;
using MlOps.Core.Data;
using MlOps.Core.Evaluation;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serialization;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// Registers the candidate as an immutable version (visible only once its artifact is stored and verified) and, when
/// the gate passed, promotes it (auto), leaves it for a human (approval: the orchestrator then waits) or only
/// registers it (manual). A challenger whose schema differs from production's is never promoted automatically: it is
/// an alert, and the run ends not promoted or, where the spec says so, waits for approval.
/// </summary>
public sealed class DeployActivity : MeteredActivity<DeployInput, DeployResult>
{
    private readonly ModelRegistry _registry;
    private readonly ArtifactStore _artifacts;
    private readonly PreparedDatasetStore _prepared;
    private readonly SpecStore _specs;
    private readonly MlOpsStorage _storage;
    private readonly StepRecorder _steps;
    private readonly ProductionPromoter _promoter;
    private readonly CandidateStore _candidates;
    private readonly ReferencePredictionsStore _references;
    private readonly AlertPublisher _alerts;
    private readonly TimeProvider _clock;

    public DeployActivity(
        ModelRegistry registry, ArtifactStore artifacts, PreparedDatasetStore prepared, SpecStore specs, MlOpsStorage storage, StepRecorder steps,
        ProductionPromoter promoter, CandidateStore candidates, ReferencePredictionsStore references, AlertPublisher alerts, TimeProvider clock,
        CostMeter cost)
        : base(cost)
    {
        _alerts = alerts;
        _clock = clock;
        _references = references;
        _candidates = candidates;
        _promoter = promoter;
        _registry = registry;
        _artifacts = artifacts;
        _prepared = prepared;
        _specs = specs;
        _storage = storage;
        _steps = steps;
    }

    protected override CostAttribution Attribute(DeployInput input) => CostUnits.RunStep(input.Stage.RunId, CostStages.Deploy, "deploy");

    protected override Task<DeployResult> ExecuteAsync(TaskActivityContext context, DeployInput input) =>
        _steps.RecordAsync(input.Stage.RunId, 4, "deploy", () => DeployAsync(input, CancellationToken.None),
            r => (r.Promoted || r.AwaitingApproval ? RunStatus.Succeeded : RunStatus.NotPromoted, r.Reason), CancellationToken.None);

    /// <summary>One alert per run (the alert id is the run's), however often the activity runs.</summary>
    private Task RaiseSchemaChangeAlertAsync(StageInput stage, int version, GateDecision decision, bool awaitingApproval, CancellationToken cancellationToken) =>
        _alerts.PublishAsync(new AlertRecord
        {
            Id = $"{stage.RunId}-schema-change", Model = stage.Model, Kind = AlertKind.SchemaChange, Severity = AlertSeverity.Warning, At = _clock.GetUtcNow(), RunId = stage.RunId,
            Message = $"v{version} {(awaitingApproval ? "waits for approval" : "was not promoted")}: its schema differs from production v{decision.ChampionVersion}: "
                + string.Join("; ", decision.SchemaChanges),
        }, cancellationToken);

    /// <summary>The version's own predictions on its test split: the reference the drift monitor compares live outputs with.</summary>
    private async Task SaveReferencePredictionsAsync(ModelVersionRecord version, byte[] artifact, string preparedPrefix, CancellationToken cancellationToken)
    {
        string test = await _prepared.GetLocalSplitAsync(preparedPrefix, PreparedDatasetStore.TestFile, cancellationToken).ConfigureAwait(false);
        var model = new LoadedModel(version, artifact);
        IDataView rows = TrainingDataLoader.LoadIntoMemory(new MLContext(seed: 0), version.Layout, test);
        ReferencePredictions reference = ReferencePredictions.From(model.PredictBatch(rows), version.Layout.Task, $"v{version.Version} on its test split");
        await _references.SaveAsync(version.Model, version.Version, reference, cancellationToken).ConfigureAwait(false);
    }

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
            Importance = input.Evaluation.Importance,
            HoldoutServingCostPer1000 = input.Evaluation.Decision.ServingCost?.ChallengerPer1000,
            Threshold = input.Evaluation.Threshold,
            ConfusionMatrix = input.Evaluation.ConfusionMatrix,
            CrossValidation = input.Evaluation.CrossValidation,
            Provenance = (await _candidates.FindByArtifactAsync(stage.RunId, stage.CandidatePath!, cancellationToken).ConfigureAwait(false))?.Provenance,
        }, candidate, cancellationToken).ConfigureAwait(false);
        await _artifacts.WriteAsync(_storage.Layout.Models, $"{stage.Model}/{version.Version}/metrics.json",
            BinaryData.FromString(JsonDefaults.Serialize(input.Evaluation)).ToMemory(), cancellationToken).ConfigureAwait(false);

        await SaveReferencePredictionsAsync(version, candidate, stage.PreparedPrefix, cancellationToken).ConfigureAwait(false);

        GateDecision decision = input.Evaluation.Decision;
        string reasons = string.Join("; ", decision.Reasons);
        bool schemaChange = decision.SchemaChanges.Count > 0;
        bool approval = schemaChange ? spec.Deployment.OnSchemaChange == SchemaChangeAction.Approval : spec.Deployment.Mode == DeploymentMode.Approval;
        if (schemaChange && spec.Deployment.Mode != DeploymentMode.Manual)
        {
            await RaiseSchemaChangeAlertAsync(stage, version.Version, decision, decision.Passed && approval, cancellationToken).ConfigureAwait(false);
        }

        if (!decision.Passed)
        {
            return new DeployResult { Version = version.Version, Promoted = false, Reason = "gate: " + reasons };
        }

        if (spec.Deployment.Mode == DeploymentMode.Manual)
        {
            return new DeployResult { Version = version.Version, Promoted = false, Reason = $"registered v{version.Version} only (deployment mode manual)" };
        }

        if (schemaChange && !approval)
        {
            return new DeployResult
            {
                Version = version.Version, Promoted = false,
                Reason = $"not promoted: v{version.Version} changes the schema of production v{decision.ChampionVersion} ({string.Join("; ", decision.SchemaChanges)}); "
                    + "promote it by hand with acknowledgeSchemaChange if its clients are ready",
            };
        }

        if (approval)
        {
            return new DeployResult
            {
                Version = version.Version, Promoted = false, AwaitingApproval = true, ApprovalTimeout = spec.Deployment.ApprovalTimeout,
                Reason = $"v{version.Version} passed the gate and waits for approval ({reasons})",
            };
        }

        return await _promoter.PromoteAsync(new PromoteInput
        {
            RunId = stage.RunId, Model = stage.Model, Version = version.Version, ExpectedProduction = input.Evaluation.ProductionVersion,
            By = "pipeline", Reason = reasons, Evidence = JsonDefaults.Serialize(decision),
        }).ConfigureAwait(false);
    }
}
