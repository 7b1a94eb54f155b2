namespace MlOps.Core.Identity;

public enum CredentialKind
{
    /// <summary>The Azure resource's managed identity: the user-assigned one named by its client id, else the system-assigned one.</summary>
    ManagedIdentity,

    /// <summary>A developer's sign-in: a service principal in the environment, the Azure CLI, azd, Azure PowerShell or Visual Studio.</summary>
    Developer,
}
