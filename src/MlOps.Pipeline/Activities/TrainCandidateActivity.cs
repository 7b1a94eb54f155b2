using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Artifacts;
using MlOps.Core.Data;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// Trains one candidate of the search (a fan-out branch): fits it, ranks it on validation or k-fold, stores its model
/// and its experiment record. A candidate that fails, or is stopped at the search's deadline, is recorded with its
/// error and never fails the run.
/// </summary>
public sealed class TrainCandidateActivity : MeteredActivity<CandidateInput, CandidateOutcome>
{
    private readonly PreparedDatasetStore _prepared;
    private readonly SpecStore _specs;
    private readonly ArtifactStore _artifacts;
    private readonly CandidateStore _candidates;
    private readonly MlOpsStorage _storage;
    private readonly CandidateTrainer _trainer;
    private readonly TimeProvider _clock;

    public TrainCandidateActivity(
        PreparedDatasetStore prepared, SpecStore specs, ArtifactStore artifacts, CandidateStore candidates, MlOpsStorage storage, CandidateTrainer trainer, TimeProvider clock, CostMeter cost)
        : base(cost)
    {
        _prepared = prepared;
        _specs = specs;
        _artifacts = artifacts;
        _candidates = candidates;
        _storage = storage;
        _trainer = trainer;
        _clock = clock;
    }

    protected override CostAttribution Attribute(CandidateInput input) => CostUnits.Candidate(input.Stage.RunId, input.Index, input.Candidate.Id);

    protected override async Task<CandidateOutcome> ExecuteAsync(TaskActivityContext context, CandidateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        StageInput stage = input.Stage;
        DateTimeOffset started = _clock.GetUtcNow();
        if (started > input.Deadline)
        {
            var skipped = new CandidateResult(input.Candidate, [], [], 0, $"skipped: training.maxWallTime was reached before it started");
            await RecordAsync(input, skipped, "skipped", started, null).ConfigureAwait(false);
            return new CandidateOutcome { Index = input.Index, Result = skipped, Skipped = true };
        }

        PipelineSpec spec = (await _specs.GetAsync(stage.Model, stage.SpecVersion).ConfigureAwait(false))!.Spec;
        FeatureLayout layout = await _prepared.GetLayoutAsync(stage.PreparedPrefix).ConfigureAwait(false);
        string train = await _prepared.GetLocalSplitAsync(stage.PreparedPrefix, PreparedDatasetStore.TrainFile).ConfigureAwait(false);
        string validation = await _prepared.GetLocalSplitAsync(stage.PreparedPrefix, PreparedDatasetStore.ValidationFile).ConfigureAwait(false);

        // The search's budget is this candidate's too: one still training at the deadline is stopped, not waited for.
        TimeSpan budget = input.Deadline - _clock.GetUtcNow();
        (CandidateResult result, byte[]? model) = await Task.Run(() => _trainer.Train(layout, spec, input.Candidate, train, validation, budget)).ConfigureAwait(false);
        StoredArtifact? stored = null;
        if (model is not null)
        {
            stored = await _artifacts.WriteAsync(_storage.Layout.Models, $"{stage.Model}/runs/{stage.RunId}/candidates/{input.Candidate.Id}.zip", model).ConfigureAwait(false);
        }

        await RecordAsync(input, result, result.Succeeded ? "succeeded" : "failed", started, stored?.Path).ConfigureAwait(false);
        return new CandidateOutcome
        {
            Index = input.Index, Result = result with { Provenance = null }, ArtifactPath = stored?.Path, Sha256 = stored?.Sha256,
        };
    }

    private Task RecordAsync(CandidateInput input, CandidateResult result, string status, DateTimeOffset started, string? artifact) =>
        _candidates.SaveAsync(new CandidateRecord
        {
            RunId = input.Stage.RunId,
            Index = input.Index,
            Candidate = input.Candidate,
            Status = status,
            ValidationMetrics = result.ValidationMetrics,
            TrainMetrics = result.TrainMetrics,
            Error = result.Error,
            StartedAt = started,
            EndedAt = _clock.GetUtcNow(),
            DurationMs = (_clock.GetUtcNow() - started).TotalMilliseconds,
            ArtifactPath = artifact,
            Provenance = result.Provenance,
            Threshold = result.Threshold,
            CrossValidation = result.CrossValidation,
        });
}
