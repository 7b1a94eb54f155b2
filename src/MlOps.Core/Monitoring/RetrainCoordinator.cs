using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using MlOps.Core.Data;
using MlOps.Core.Monitoring.Decay;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Storage;

namespace MlOps.Core.Monitoring;

/// <summary>
/// Continuous improvement's guard rails and data: at most one retrain per model at a time and none within the spec's
/// cool-down (claimed with the state row's ETag, so two monitors cannot both win), and the retraining data — the
/// newest accepted dataset plus the window's predictions joined with their late labels — written to
/// datasets/{model}/_retrain/, where upload triggers leave it to the monitor.
/// </summary>
public sealed class RetrainCoordinator
{
    private const string StateKey = "retrain";

    private readonly MlOpsStorage _storage;
    private readonly JsonTable<RetrainState> _state;
    private readonly ModelRegistry _registry;
    private readonly SpecStore _specs;
    private readonly PreparedDatasetStore _prepared;
    private readonly PredictionLogReader _log;
    private readonly FeedbackReader _feedback;
    private readonly RunStore _runs;
    private readonly TimeProvider _clock;

    public RetrainCoordinator(
        MlOpsStorage storage, ModelRegistry registry, SpecStore specs, PreparedDatasetStore prepared, PredictionLogReader log, FeedbackReader feedback, RunStore runs, TimeProvider clock)
    {
        _storage = storage;
        _state = new JsonTable<RetrainState>(storage.Table(storage.Layout.MonitorState));
        _registry = registry;
        _specs = specs;
        _prepared = prepared;
        _log = log;
        _feedback = feedback;
        _runs = runs;
        _clock = clock;
    }

    public async Task<RetrainClaim> TryClaimAsync(string model, string monitorId, MonitoringWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        PipelineSpec? spec = (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec;
        if (spec?.Monitoring.Retrain.Enabled != true)
        {
            return new RetrainClaim(false, "retraining is not enabled (monitoring.retrain.enabled)");
        }

        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _clock.GetUtcNow();
        Versioned<RetrainState>? state = await _state.GetAsync(model, StateKey, cancellationToken).ConfigureAwait(false);
        if (state?.Value.ActiveRunId is { } active && (await _runs.GetAsync(active, cancellationToken).ConfigureAwait(false))?.Status.IsTerminal() == false)
        {
            return new RetrainClaim(false, $"retrain {active} is still running");
        }

        if (state is not null && now - state.Value.LastStartedAt < spec.Monitoring.Retrain.Cooldown)
        {
            return new RetrainClaim(false, string.Create(CultureInfo.InvariantCulture,
                $"in cool-down until {state.Value.LastStartedAt + spec.Monitoring.Retrain.Cooldown:u} (monitoring.retrain.cooldown)"));
        }

        (string blobName, string tag, long feedbackRows) = await WriteTrainingDataAsync(model, monitorId, window, cancellationToken).ConfigureAwait(false);
        string runId = RunIds.ForBlobVersion(model, _storage.Layout.Datasets, blobName, tag);
        var claimed = new RetrainState { Model = model, LastStartedAt = now, ActiveRunId = runId };
        bool won = state is null
            ? await _state.TryAddAsync(model, StateKey, claimed, cancellationToken).ConfigureAwait(false)
            : await _state.TryReplaceAsync(model, StateKey, claimed, state.ETag, cancellationToken).ConfigureAwait(false);
        return won
            ? new RetrainClaim(true, "claimed", blobName, tag, runId, feedbackRows)
            : new RetrainClaim(false, "another monitor started a retrain first");
    }

    /// <summary>The newest registered version's prepared data (train, validation and test, one header) plus the window's labelled predictions.</summary>
    private async Task<(string BlobName, string VersionTag, long FeedbackRows)> WriteTrainingDataAsync(
        string model, string monitorId, MonitoringWindow window, CancellationToken cancellationToken)
    {
        ModelVersionRecord newest = (await _registry.ListVersionsAsync(model, cancellationToken).ConfigureAwait(false)).MaxBy(v => v.Version)
            ?? throw new InvalidOperationException($"Model '{model}' has no registered version to retrain from.");
        string prefix = PreparedDatasetStore.PrefixFor(model, newest.DatasetVersion!, newest.SpecVersion ?? 0);
        string local = Path.Combine(Path.GetTempPath(), "mlops-retrain", Guid.NewGuid().ToString("N") + ".csv");
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        long feedbackRows;
        try
        {
            await using (var output = new FileStream(local, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                bool first = true;
                foreach (string split in new[] { PreparedDatasetStore.TrainFile, PreparedDatasetStore.ValidationFile, PreparedDatasetStore.TestFile })
                {
                    await AppendAsync(await _prepared.GetLocalSplitAsync(prefix, split, cancellationToken).ConfigureAwait(false), output, skipHeader: !first, cancellationToken).ConfigureAwait(false);
                    first = false;
                }

                FeedbackLabels labels = await _feedback.ReadAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
                using var joined = new MemoryStream();
                feedbackRows = await FeedbackJoin.WriteTrainingCsvAsync(
                    FeedbackJoin.JoinAsync(labels, _log.ReadAsync(model, window.Start, window.End, null, cancellationToken), cancellationToken),
                    newest.Layout, joined, cancellationToken).ConfigureAwait(false);
                joined.Position = 0;
                await AppendAsync(joined, output, skipHeader: true, cancellationToken).ConfigureAwait(false);
            }

            string blobName = $"{model}/{DatasetBlobName.RetrainFolder}/{monitorId}.csv";
            BlobClient blob = _storage.Container(_storage.Layout.Datasets).GetBlobClient(blobName);
            byte[] md5;
            await using (FileStream content = File.OpenRead(local))
            {
                md5 = await MD5.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
            }

            await blob.UploadAsync(local, overwrite: true, cancellationToken).ConfigureAwait(false);
            return (blobName, BlobVersionTag.From(md5, null), feedbackRows);
        }
        finally
        {
            File.Delete(local);
        }
    }

    private static async Task AppendAsync(string path, Stream output, bool skipHeader, CancellationToken cancellationToken)
    {
        await using FileStream input = File.OpenRead(path);
        await AppendAsync(input, output, skipHeader, cancellationToken).ConfigureAwait(false);
    }

    // Prepared files and the feedback export are written by this product: LF line ends, header first, no BOM.
    private static async Task AppendAsync(Stream input, Stream output, bool skipHeader, CancellationToken cancellationToken)
    {
        if (skipHeader)
        {
            int b;
            while ((b = input.ReadByte()) is not (-1 or '\n'))
            {
            }
        }

        await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Clears the active run once it ended, so the next drift may retrain after the cool-down.</summary>
    public async Task ReleaseAsync(string model, string runId, CancellationToken cancellationToken = default)
    {
        Versioned<RetrainState>? state = await _state.GetAsync(model, StateKey, cancellationToken).ConfigureAwait(false);
        if (state?.Value.ActiveRunId == runId)
        {
            await _state.TryReplaceAsync(model, StateKey, state.Value with { ActiveRunId = null }, state.ETag, cancellationToken).ConfigureAwait(false);
        }
    }
}
