namespace MlOps.Core.Storage;

/// <summary>
/// Where metadata, artifacts and the durable task hub live. Leave both empty to run on an embedded Azurite.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string (Azurite or a real account with shared keys).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>An account's blob endpoint, e.g. https://acct.blob.core.windows.net; authenticates with an Entra ID credential (see <see cref="Credential"/>).</summary>
    public Uri? AccountUri { get; set; }

    /// <summary>
    /// "managedidentity" to authenticate as the managed identity (the Functions name, Storage__credential); empty: the
    /// managed identity when running in Azure, the developer's sign-in elsewhere.
    /// </summary>
    public string? Credential { get; set; }

    /// <summary>The user-assigned managed identity's client id (Storage__clientId); empty: AZURE_CLIENT_ID, else the system-assigned identity.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Prepended to every container and table name so several environments (or test runs) can share one account.
    /// Lowercase letters and digits only.
    /// </summary>
    public string Prefix { get; set; } = string.Empty;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || AccountUri is not null;
}
