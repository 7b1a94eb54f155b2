using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Artifacts;
using MlOps.Core.Data;
using MlOps.Core.Evaluation;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// Scores the candidate on the test split (at its decision threshold), scores production on the same rows, and applies
/// the spec's gates; the confusion matrix goes on the run.
/// </summary>
public sealed class EvaluateActivity : MeteredActivity<EvaluateInput, EvaluationResult>
{
    private readonly PreparedDatasetStore _prepared;
    private readonly SpecStore _specs;
    private readonly ArtifactStore _artifacts;
    private readonly ModelRegistry _registry;
    private readonly MlOpsStorage _storage;
    private readonly StepRecorder _steps;
    private readonly CandidateStore _candidates;
    private readonly RunStore _runs;
    private readonly CostMeter _cost;
    private readonly CostReports _reports;

    public EvaluateActivity(
        PreparedDatasetStore prepared, SpecStore specs, ArtifactStore artifacts, ModelRegistry registry, MlOpsStorage storage, StepRecorder steps,
        CandidateStore candidates, RunStore runs, CostReports reports, CostMeter cost)
        : base(cost)
    {
        _candidates = candidates;
        _runs = runs;
        _cost = cost;
        _reports = reports;
        _prepared = prepared;
        _specs = specs;
        _artifacts = artifacts;
        _registry = registry;
        _storage = storage;
        _steps = steps;
    }

    protected override CostAttribution Attribute(EvaluateInput input) => CostUnits.RunStep(input.Stage.RunId, CostStages.Evaluate, "evaluate");

    protected override Task<EvaluationResult> ExecuteAsync(TaskActivityContext context, EvaluateInput input) =>
        _steps.RecordAsync(input.Stage.RunId, 3, "evaluate", () => EvaluateAsync(input, CancellationToken.None),
            r => (RunStatus.Succeeded, string.Join("; ", r.Decision.Reasons)), CancellationToken.None);

    private async Task<EvaluationResult> EvaluateAsync(EvaluateInput evaluate, CancellationToken cancellationToken)
    {
        StageInput input = evaluate.Stage;
        PipelineSpec spec = (await _specs.GetAsync(input.Model, input.SpecVersion, cancellationToken).ConfigureAwait(false))!.Spec;
        FeatureLayout layout = await _prepared.GetLayoutAsync(input.PreparedPrefix, cancellationToken).ConfigureAwait(false);
        string testPath = await _prepared.GetLocalSplitAsync(input.PreparedPrefix, PreparedDatasetStore.TestFile, cancellationToken).ConfigureAwait(false);

        byte[] candidate = await _artifacts.ReadVerifiedAsync(_storage.Layout.Models, input.CandidatePath!, input.CandidateSha256!, cancellationToken).ConfigureAwait(false);
        Microsoft.ML.ITransformer model = HoldoutEvaluator.Load(candidate);

        // The chosen candidate's record holds what training settled besides the model: its decision threshold and cross-validated figures.
        CandidateRecord? chosen = await _candidates.FindByArtifactAsync(input.RunId, input.CandidatePath!, cancellationToken).ConfigureAwait(false);
        double? threshold = layout.Task == ModelTask.Binary ? chosen?.Threshold ?? ModelEvaluator.Threshold : null;
        double cutoff = threshold ?? ModelEvaluator.Threshold;
        Dictionary<string, double> metrics = ModelEvaluator.Evaluate(model, layout, testPath, spec.Training.Seed, cutoff);
        string primary = ChampionChallengerGate.PrimaryMetricFor(spec);
        IReadOnlyList<FeatureImportance> importance = PermutationImportance.Compute(model, layout, testPath, primary, spec.Training.Seed, threshold: cutoff);
        ConfusionMatrix? confusion = spec.Task == ModelTask.Regression ? null : ModelEvaluator.ConfusionMatrix(model, layout, testPath, spec.Training.Seed, cutoff);
        if (confusion is not null)
        {
            await _runs.UpdateAsync(input.RunId, run => run with { ConfusionMatrix = confusion }, cancellationToken).ConfigureAwait(false);
        }

        OverfitAssessment? overfit = evaluate.TrainMetrics.Count > 0 ? OverfitCheck.Assess(spec, evaluate.TrainMetrics, metrics) : null;

        Dictionary<string, double>? championMetrics = null;
        string? championProblem = null;
        LoadedModel? championModel = null;
        IReadOnlyList<string> schemaChanges = [];
        AliasRecord? production = await _registry.GetAliasAsync(input.Model, ModelRegistry.Production, cancellationToken).ConfigureAwait(false);
        if (production is not null)
        {
            ModelVersionRecord? champion = await _registry.GetVersionAsync(input.Model, production.Version, cancellationToken).ConfigureAwait(false);
            if (champion is null)
            {
                championProblem = $"production v{production.Version} is not a registered version";
            }
            else
            {
                schemaChanges = SchemaComparison.Differences(champion.Layout, layout);
                try
                {
                    byte[] artifact = await _artifacts.ReadVerifiedAsync(_storage.Layout.Models, champion.ArtifactPath, champion.Sha256, cancellationToken).ConfigureAwait(false);
                    (championMetrics, championProblem) = HoldoutEvaluator.EvaluateChampion(champion, artifact, layout, testPath, spec.Training.Seed);
                    championModel = championMetrics is null ? null : new LoadedModel(champion, artifact);
                }
                catch (ArtifactIntegrityException ex)
                {
                    championProblem = ex.Message;
                }
            }
        }

        ServingCostEvidence? servingCost = null;
        if (_cost.Enabled)
        {
            var challenger = new LoadedModel(new ModelVersionRecord
            {
                Model = input.Model, RunId = input.RunId, ArtifactPath = input.CandidatePath!, Sha256 = input.CandidateSha256!, Trainer = "challenger", Layout = layout,
            }, candidate);
            ServingTraffic traffic = await _reports.ServingAsync(input.Model, cancellationToken: cancellationToken).ConfigureAwait(false);
            IReadOnlyList<double> msPerRow = ServingCostProbe.MeasureMsPerRow(championModel is null ? [challenger] : [challenger, championModel], testPath,
                (int)Math.Round(traffic.RowsPerRequest));
            double? improvement = championMetrics is null ? null : MetricDirection.Improvement(primary, metrics[primary], championMetrics[primary]);
            servingCost = ServingCostEvidence.Price(_cost.Prices, msPerRow[0], msPerRow.Count > 1 ? msPerRow[1] : null, traffic.RowsPerRequest,
                traffic.PredictionsPerMonth, improvement);
        }

        GateDecision decision = ChampionChallengerGate.Decide(spec, metrics, production?.Version, championMetrics, overfit, championProblem, schemaChanges, servingCost);

        return new EvaluationResult
        {
            Metrics = metrics, Decision = decision, ProductionVersion = production?.Version, Importance = importance, ConfusionMatrix = confusion,
            Threshold = threshold, CrossValidation = chosen?.CrossValidation,
        };
    }
}
