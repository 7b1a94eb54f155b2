using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MlOps.Testing;

/// <summary>
/// Who holds a task hub's control-queue partitions, read from the Azure Storage durable backend's own records: the
/// {hub}Partitions table of its table partition manager (a row per partition with CurrentOwner and ExpiresAt), or,
/// for a hub run by the older blob-lease manager, the {hub}-leases/default/… blobs (a JSON body naming the owner).
/// </summary>
public static class TaskHubLeases
{
    /// <summary>Unexpired partitions held per owner (worker name); empty before the backend has recorded any.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> OwnersAsync(string connectionString, string taskHub, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskHub);
        Dictionary<string, int>? owners = await FromTableAsync(connectionString, taskHub, cancellationToken).ConfigureAwait(false);
        return owners ?? await FromBlobsAsync(connectionString, taskHub, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>Null when the hub has no partition table.</returns>
    private static async Task<Dictionary<string, int>?> FromTableAsync(string connectionString, string taskHub, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new TableClient(connectionString, taskHub + "Partitions");
        try
        {
            await foreach (TableEntity partition in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                string? owner = partition.GetString("CurrentOwner");
                DateTimeOffset? expires = partition.GetDateTimeOffset("ExpiresAt");
                if (!string.IsNullOrEmpty(owner) && (expires is null || expires > DateTimeOffset.UtcNow))
                {
                    owners[owner] = owners.GetValueOrDefault(owner) + 1;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        return owners;
    }

    private static async Task<Dictionary<string, int>> FromBlobsAsync(string connectionString, string taskHub, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        var container = new BlobContainerClient(connectionString, taskHub.ToLowerInvariant() + "-leases");
        try
        {
            await foreach (BlobItem blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = "default/" }, cancellationToken).ConfigureAwait(false))
            {
                if (blob.Properties.LeaseState != LeaseState.Leased)
                {
                    continue;
                }

                BlobDownloadResult content = (await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
                using JsonDocument lease = JsonDocument.Parse(content.Content);
                foreach (JsonProperty property in lease.RootElement.EnumerateObject())
                {
                    if (property.Name.Equals("Owner", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String
                        && property.Value.GetString() is { Length: > 0 } owner)
                    {
                        owners[owner] = owners.GetValueOrDefault(owner) + 1;
                    }
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The backend has not created its lease container yet.
        }

        return owners;
    }
}
