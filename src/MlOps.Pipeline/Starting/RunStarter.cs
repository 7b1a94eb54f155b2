using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MlOps.Core.Alerts;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Telemetry;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Orchestrations;

namespace MlOps.Pipeline.Starting;

/// <summary>
/// Starts training runs for every trigger (blob event, local watcher, HTTP, monitors). The run record is inserted
/// first, insert-only, keyed by the run id derived from the blob version: only the caller that inserts it schedules
/// the orchestration, so a trigger that fires twice (or on two hosts) starts one run.
/// </summary>
public sealed class RunStarter
{
    // A run record with no orchestration after this long means its starter crashed in between: start it again.
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(1);

    public const string UploadTrigger = "blob";

    private readonly RunStore _runs;
    private readonly MlOpsStorage _storage;
    private readonly TimeProvider _clock;
    private readonly ILogger<RunStarter> _logger;
    private readonly AlertPublisher _alerts;

    public RunStarter(RunStore runs, MlOpsStorage storage, TimeProvider clock, AlertPublisher alerts, ILogger<RunStarter> logger)
    {
        _alerts = alerts;
        _runs = runs;
        _storage = storage;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// What every upload trigger does (Functions blob triggers, the local watcher): leave specs and retraining data
    /// alone, refuse names no model can take (with an alert, so the upload is not dropped silently), then start the
    /// blob version's run at most once. Null when the blob is not a dataset.
    /// </summary>
    public async Task<RunStartResult?> StartForUploadAsync(DurableTaskClient client, string blobName, string versionTag, CancellationToken cancellationToken = default)
    {
        if (!DatasetBlobName.TryParse(blobName, out DatasetBlobName? name, out string error))
        {
            _logger.LogWarning("Ignoring {Container}/{Blob}: {Problem}", _storage.Layout.Datasets, blobName, error);
            await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await _alerts.PublishAsync(new AlertRecord
            {
                // Keyed by blob version (names can hold characters table keys cannot), so a trigger that fires again adds no alert.
                Id = "upload-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{blobName}|{versionTag}")))[..16],
                Model = AlertPublisher.NoModel, Kind = AlertKind.UploadIgnored, Severity = AlertSeverity.Warning, At = _clock.GetUtcNow(),
                Message = $"{_storage.Layout.Datasets}/{Identifiers.Shorten(blobName)} was ignored and started no run: {error}. Upload it as {{model}}/{{file}}.",
            }, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return name!.IsSpec || name.IsRetrainData
            ? null
            : await StartForBlobAsync(client, name.Model, blobName, versionTag, UploadTrigger, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts (at most once) the run for one version of an uploaded dataset blob. Runs are keyed by content: uploading
    /// bytes again that already had a run (A, then B, then A) starts none. <paramref name="force"/> retrains such a
    /// version on purpose: the new run's id derives from the version's latest run, so a doubled request starts one run,
    /// and while that run is in progress a further forced request answers with it.
    /// </summary>
    /// <param name="versionTag">From <see cref="BlobVersionTag"/>: the content MD5 or the ETag.</param>
    public async Task<RunStartResult> StartForBlobAsync(
        DurableTaskClient client, string model, string blobName, string versionTag, string trigger, bool force = false, CancellationToken cancellationToken = default)
    {
        string runId = RunIds.ForBlobVersion(model, _storage.Layout.Datasets, blobName, versionTag);
        if (force)
        {
            await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            RunRecord? latest = await _runs.GetAsync(runId, cancellationToken).ConfigureAwait(false);
            while (latest is not null)
            {
                string next = RunIds.ForcedAfter(latest.RunId);
                RunRecord? retrain = await _runs.GetAsync(next, cancellationToken).ConfigureAwait(false);
                if (retrain is null)
                {
                    if (!latest.Status.IsTerminal())
                    {
                        _logger.LogInformation("Run {RunId} of {Blob} is still in progress; not forcing another", latest.RunId, blobName);
                        return new RunStartResult(latest.RunId, Started: false);
                    }

                    runId = next;
                    break;
                }

                latest = retrain;
            }
        }

        return await StartAsync(client, new TrainingRequest
        {
            RunId = runId, Model = model, DatasetBlob = blobName, DatasetETag = versionTag, Trigger = trigger, RequestedAt = _clock.GetUtcNow(), Force = force,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the run (insert-only) without scheduling it, for callers that run the pipeline themselves (a monitor's sub-orchestration).</summary>
    public async Task<bool> TryRecordAsync(TrainingRequest request, string? triggeredBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await _runs.TryCreateAsync(new RunRecord
        {
            RunId = request.RunId,
            Model = request.Model,
            Trigger = request.Trigger,
            TriggeredBy = triggeredBy,
            DatasetBlob = request.DatasetBlob,
            DatasetETag = request.DatasetETag,
            StartedAt = request.RequestedAt,
            Forced = request.Force,
            TraceId = MlOpsTracing.TraceIdOf(request.TraceParent),
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the root span of a run's own trace (linked to whatever asked for the run); its traceparent goes into the
    /// <see cref="TrainingRequest"/> so every activity of the run, on any worker, joins the trace.
    /// </summary>
    public static Activity? StartRunSpan(string runId, string model, string trigger)
    {
        Activity? root = MlOpsTracing.StartRoot("run " + model, model);
        root?.SetTag(MlOpsTags.RunId, runId);
        root?.SetTag(MlOpsTags.Trigger, trigger);
        return root;
    }

    public async Task<RunStartResult> StartAsync(DurableTaskClient client, TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);

        // Current while the orchestration is scheduled, so the Durable Task client's own span joins the run's trace.
        using Activity? root = StartRunSpan(request.RunId, request.Model, request.Trigger);
        request = request with { TraceParent = MlOpsTracing.TraceParentOf(root) ?? request.TraceParent };
        if (!await TryRecordAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            RunRecord? existing = await _runs.GetAsync(request.RunId, cancellationToken).ConfigureAwait(false);
            bool orphaned = existing is not null && existing.Status == RunStatus.Running && _clock.GetUtcNow() - existing.StartedAt > OrphanAge
                && await client.GetInstanceAsync(request.RunId, cancellationToken).ConfigureAwait(false) is null;
            if (!orphaned)
            {
                _logger.LogInformation("Run {RunId} for {Blob} already exists; not starting it again", request.RunId, request.DatasetBlob);
                root?.SetTag(MlOpsTags.Outcome, "exists");
                return new RunStartResult(request.RunId, Started: false);
            }

            _logger.LogWarning("Run {RunId} was recorded but never scheduled; scheduling it now", request.RunId);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            TrainingPipelineOrchestrator.Name, request, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = request.RunId }, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Started run {RunId} for {Model} from {Blob} ({Trigger})", request.RunId, request.Model, request.DatasetBlob, request.Trigger);
        return new RunStartResult(request.RunId, Started: true);
    }
}
