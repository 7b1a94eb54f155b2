using Azure.Storage.Blobs.Models;
using MlOps.Core.Storage;

namespace MlOps.Core.Health;

/// <summary>
/// Probes the storage account's blob, queue and table services for readiness. Each probe lists at most one item of
/// its service, which every role that can use the service may do: nothing is created, and a cold account answers as
/// fast as a busy one.
/// </summary>
public sealed class StorageReadiness
{
    private readonly MlOpsStorage _storage;

    public StorageReadiness(MlOpsStorage storage) => _storage = storage;

    /// <summary>The three probes, running concurrently.</summary>
    public IEnumerable<Task<DependencyCheck>> Check(TimeSpan timeout, CancellationToken cancellationToken) =>
    [
        DependencyCheck.RunAsync("blob", ct => FirstPageAsync(_storage.Blobs.GetBlobContainersAsync(BlobContainerTraits.None, BlobContainerStates.None, prefix: null, ct).AsPages(pageSizeHint: 1)), timeout, cancellationToken),
        DependencyCheck.RunAsync("queue", ct => FirstPageAsync(_storage.Queues.GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1)), timeout, cancellationToken),
        DependencyCheck.RunAsync("table", ct => FirstPageAsync(_storage.Tables.QueryAsync(filter: (string?)null, maxPerPage: 1, ct).AsPages(pageSizeHint: 1)), timeout, cancellationToken),
    ];

    private static async Task FirstPageAsync<T>(IAsyncEnumerable<T> pages)
    {
        await using IAsyncEnumerator<T> page = pages.GetAsyncEnumerator();
        await page.MoveNextAsync().ConfigureAwait(false);
    }
}
