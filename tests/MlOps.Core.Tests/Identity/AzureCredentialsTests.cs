using Azure.Identity;
using MlOps.Core.Identity;
using MlOps.Core.Storage;
using MlOps.Testing;

namespace MlOps.Core.Tests.Identity;

public sealed class AzureCredentialsTests
{
    private const string AppServiceIdentityEndpoint = "http://127.0.0.1:41741/msi/token";

    [Fact]
    public void Choose_ManagedIdentityWithClientId_IsThatUserAssignedIdentity()
    {
        CredentialChoice choice = AzureCredentials.Choose("managedidentity", "1111-client", Environment());

        Assert.Equal(new CredentialChoice(CredentialKind.ManagedIdentity, "1111-client", "credential is 'managedidentity'"), choice);
        Assert.IsType<ManagedIdentityCredential>(choice.Create());
    }

    [Fact]
    public void Choose_ManagedIdentityWithoutClientId_TakesAzureClientId()
    {
        CredentialChoice choice = AzureCredentials.Choose("ManagedIdentity", null, Environment(("AZURE_CLIENT_ID", "2222-client")));

        Assert.Equal(CredentialKind.ManagedIdentity, choice.Kind);
        Assert.Equal("2222-client", choice.ClientId);
    }

    [Fact]
    public void Choose_ManagedIdentityWithNoClientIdAnywhere_IsTheSystemAssignedIdentity()
    {
        CredentialChoice choice = AzureCredentials.Choose("managedidentity", " ", Environment());

        Assert.Equal(CredentialKind.ManagedIdentity, choice.Kind);
        Assert.Null(choice.ClientId);
        Assert.IsType<ManagedIdentityCredential>(choice.Create());
    }

    [Theory]
    [InlineData("IDENTITY_ENDPOINT")]
    [InlineData("MSI_ENDPOINT")]
    public void Choose_NothingConfiguredInAzure_IsTheManagedIdentityWithTheConfiguredClientId(string endpointVariable)
    {
        CredentialChoice choice = AzureCredentials.Choose(null, "3333-client", Environment((endpointVariable, AppServiceIdentityEndpoint), ("AZURE_CLIENT_ID", "other")));

        Assert.Equal(CredentialKind.ManagedIdentity, choice.Kind);
        Assert.Equal("3333-client", choice.ClientId);
    }

    [Fact]
    public void Choose_NothingConfiguredOutsideAzure_IsTheDeveloperChainNotDefaultAzureCredential()
    {
        CredentialChoice choice = AzureCredentials.Choose(null, null, Environment(("AZURE_CLIENT_ID", "4444-client")));

        Assert.Equal(CredentialKind.Developer, choice.Kind);
        Assert.Null(choice.ClientId);
        Assert.IsType<ChainedTokenCredential>(choice.Create());
    }

    [Fact]
    public void Choose_UnknownCredential_FailsNamingTheValueAndTheChoices()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => AzureCredentials.Choose("connectionstring", null, Environment()));

        Assert.Contains("'connectionstring'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'managedidentity'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MlOpsStorage_AccountUriWithManagedIdentity_BuildsClientsForTheAccount()
    {
        var storage = new MlOpsStorage(new StorageOptions
        {
            AccountUri = new Uri("https://mlopsacct.blob.core.windows.net/"), Credential = "managedidentity", ClientId = "5555-client",
        });

        Assert.Equal("https://mlopsacct.blob.core.windows.net/", storage.Blobs.Uri.ToString());
        Assert.Equal("https://mlopsacct.table.core.windows.net/", storage.Tables.Uri.ToString());
    }

    /// <summary>DefaultAzureCredential tries every credential type in turn, so in Azure a missing identity would surface late and confusingly.</summary>
    [Fact]
    public void ProductionCode_NoWhere_BuildsDefaultAzureCredential()
    {
        string[] offenders = [.. Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("new DefaultAzureCredential(", StringComparison.Ordinal))];

        Assert.Empty(offenders);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => values.GetValueOrDefault(name);
    }
}
