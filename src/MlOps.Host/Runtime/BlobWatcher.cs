using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Pipeline.Starting;

namespace MlOps.Host.Runtime;

/// <summary>
/// The local stand-in for the Functions blob triggers: polls datasets/ and starts the run of every new blob version,
/// and polls scoring/ and batch-scores every new file into scored/.
/// Dedupe lives in <see cref="RunStarter"/> (run ids from container, name and ETag, insert-only run records), so a
/// restart or a second host never starts a second run for the same upload; this class only avoids asking twice.
/// </summary>
public sealed class BlobWatcher : BackgroundService
{
    private readonly MlOpsStorage _storage;
    private readonly RunStarter _starter;
    private readonly DurableTaskClient _client;
    private readonly LocalHostOptions _options;
    private readonly ILogger<BlobWatcher> _logger;
    private readonly HashSet<(string Name, string ETag)> _seen = [];
    private readonly HashSet<(string Name, string ETag)> _scored = [];
    private readonly BatchScorer _scorer;

    public BlobWatcher(MlOpsStorage storage, RunStarter starter, BatchScorer scorer, DurableTaskClient client, IOptions<LocalHostOptions> options, ILogger<BlobWatcher> logger)
    {
        _scorer = scorer;
        _storage = storage;
        _starter = starter;
        _client = client;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.WatchBlobs)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.WatcherPollInterval);
        do
        {
            try
            {
                await ScanAsync(stoppingToken).ConfigureAwait(false);
                await ScoreNewFilesAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage hiccups must not stop the watcher; the next tick tries again.
                _logger.LogWarning(ex, "Blob watcher scan failed; retrying on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass over the datasets container; returns how many runs it started.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        int started = 0;
        await foreach (BlobItem blob in _storage.Container(_storage.Layout.Datasets).GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var key = (blob.Name, BlobVersionTag.From(blob.Properties.ContentHash, blob.Properties.ETag?.ToString()));
            if (_seen.Contains(key))
            {
                continue;
            }

            RunStartResult? result = await _starter.StartForUploadAsync(_client, blob.Name, key.Item2, cancellationToken).ConfigureAwait(false);
            started += result?.Started == true ? 1 : 0;
            _seen.Add(key); // only once handled: a failed start is retried on the next tick
        }

        return started;
    }

    /// <summary>One pass over the scoring container; scores each new file version (one at a time: scoring is CPU-bound).</summary>
    public async Task<int> ScoreNewFilesAsync(CancellationToken cancellationToken)
    {
        int scored = 0;
        await foreach (BlobItem blob in _storage.Container(_storage.Layout.Scoring).GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var key = (blob.Name, BlobVersionTag.From(blob.Properties.ContentHash, blob.Properties.ETag?.ToString()));
            if (_scored.Contains(key))
            {
                continue;
            }

            BatchScoringResult? result = await _scorer.TryScoreAsync(blob.Name, key.Item2, cancellationToken).ConfigureAwait(false);
            scored += result is { Skipped: false } ? 1 : 0;
            _scored.Add(key);
        }

        return scored;
    }
}
