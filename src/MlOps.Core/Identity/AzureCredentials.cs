namespace MlOps.Core.Identity;

/// <summary>
/// Chooses the credential for Azure data-plane and management calls from the same configuration names Azure Functions
/// uses for identity-based connections (<c>{connection}__credential</c>, <c>{connection}__clientId</c>): the managed
/// identity in Azure, with the configured client id; the developer's sign-in elsewhere.
/// </summary>
public static class AzureCredentials
{
    /// <summary>The value of a connection's credential setting that asks for the managed identity.</summary>
    public const string ManagedIdentity = "managedidentity";

    /// <param name="credential">The connection's credential setting: "managedidentity", or empty to decide by where the app runs.</param>
    /// <param name="clientId">The connection's clientId setting; when empty, AZURE_CLIENT_ID.</param>
    /// <param name="environment">Reads an environment variable (injected for tests).</param>
    public static CredentialChoice Choose(string? credential, string? clientId, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? id = !string.IsNullOrWhiteSpace(clientId) ? clientId.Trim() : NullIfBlank(environment("AZURE_CLIENT_ID"));
        if (!string.IsNullOrWhiteSpace(credential))
        {
            return string.Equals(credential.Trim(), ManagedIdentity, StringComparison.OrdinalIgnoreCase)
                ? new CredentialChoice(CredentialKind.ManagedIdentity, id, $"credential is '{ManagedIdentity}'")
                : throw new InvalidOperationException($"credential '{credential}' is not supported: set '{ManagedIdentity}', or leave it empty to use the managed identity in Azure and your developer sign-in elsewhere.");
        }

        // App Service, Functions and Container Apps set these when the app has a managed identity.
        string? endpoint = NullIfBlank(environment("IDENTITY_ENDPOINT")) ?? NullIfBlank(environment("MSI_ENDPOINT"));
        return endpoint is not null
            ? new CredentialChoice(CredentialKind.ManagedIdentity, id, "running in Azure with a managed identity endpoint")
            : new CredentialChoice(CredentialKind.Developer, null, "no managed identity here: developer sign-in");
    }

    /// <summary>The credential of a storage account configured by endpoint (Storage:AccountUri) rather than a connection string.</summary>
    public static CredentialChoice ForStorage(Storage.StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Choose(options.Credential, options.ClientId, Environment.GetEnvironmentVariable);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
