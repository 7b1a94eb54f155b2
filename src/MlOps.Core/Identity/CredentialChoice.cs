using Azure.Core;
using Azure.Identity;

namespace MlOps.Core.Identity;

/// <summary>Which credential the app authenticates to Azure with, and why.</summary>
/// <param name="ClientId">The user-assigned identity's client id; null for the system-assigned identity (and for developers).</param>
public sealed record CredentialChoice(CredentialKind Kind, string? ClientId, string Reason)
{
    public TokenCredential Create() => Kind switch
    {
        CredentialKind.ManagedIdentity => new ManagedIdentityCredential(
            ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(ClientId)),

        // The developer tools only, in a fixed order; in Azure the managed identity is chosen explicitly instead, so a
        // missing identity fails at once rather than falling through to credentials that are not there.
        _ => new ChainedTokenCredential(
            new EnvironmentCredential(), new AzureCliCredential(), new AzureDeveloperCliCredential(), new AzurePowerShellCredential(), new VisualStudioCredential()),
    };
}
