namespace MlOps.Core.Storage;

/// <summary>
/// Where metadata, artifacts and the durable task hub live. Leave both empty to run on an embedded Azurite.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string (Azurite or a real account with shared keys).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>An account's blob endpoint, e.g. https://acct.blob.core.windows.net; authenticates with managed identity.</summary>
    public Uri? AccountUri { get; set; }

    /// <summary>
    /// Prepended to every container and table name so several environments (or test runs) can share one account.
    /// Lowercase letters and digits only.
    /// </summary>
    public string Prefix { get; set; } = string.Empty;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || AccountUri is not null;
}
