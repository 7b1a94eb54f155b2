using Azure.Storage.Blobs;
using MlOps.Core.Identity;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;

namespace MlOps.Host.Cli;

/// <summary>
/// Where `mlops upload` puts a file: the datasets container of --connection-string, of --account-url (Entra ID), of
/// the running local host (its discovery file), or of the configured storage, in that order.
/// </summary>
/// <param name="Source">Where the destination came from, for messages.</param>
/// <param name="RunningHost">The destination is the running host's, so its API is the one to start the run with.</param>
public sealed record UploadTarget(BlobContainerClient Container, string Source, bool RunningHost)
{
    public static UploadTarget Resolve(UploadCommand.Settings settings, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        StorageOptions configured = environment.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (settings.ConnectionString is { } connectionString)
        {
            return Datasets(new StorageOptions { ConnectionString = connectionString, Prefix = configured.Prefix }, "--connection-string");
        }

        if (settings.AccountUrl is { } accountUrl)
        {
            // Entra ID (AzureCredentials): a managed identity where Azure provides one, else the developer's sign-in
            // (AZURE_* service principal variables, az login, azd auth login, PowerShell, Visual Studio).
            return Datasets(new StorageOptions { AccountUri = new Uri(accountUrl), Prefix = configured.Prefix }, $"--account-url {accountUrl}");
        }

        if (environment.RunningHost() is { } host)
        {
            BlobServiceClient blobs = host.ConnectionString is { } emulator ? new BlobServiceClient(emulator)
                : configured.ConnectionString is { Length: > 0 } own ? new BlobServiceClient(own)
                : new BlobServiceClient(new Uri(host.BlobEndpoint), AzureCredentials.ForStorage(configured).Create());
            return new UploadTarget(blobs.GetBlobContainerClient(host.DatasetsContainer), $"the host recorded in {environment.HostFile}", RunningHost: true);
        }

        if (configured.IsConfigured)
        {
            return Datasets(configured, "the Storage settings (appsettings.json or MLOPS_Storage__*)");
        }

        string why = HostDiscovery.Read(environment.HostFile) is { } gone
            ? $"the host recorded in {environment.HostFile} (process {gone.ProcessId}) is no longer running"
            : $"no running host is recorded in {environment.HostFile}";
        throw new CliException(CliExitCodes.Unreachable, $"nowhere to upload: {why}, and no storage account is configured",
            "start it with `mlops serve`, or pass --account-url (an Azure storage account, signed in with az login) or --connection-string");
    }

    private static UploadTarget Datasets(StorageOptions options, string source)
    {
        var storage = new MlOpsStorage(options);
        return new UploadTarget(storage.Container(storage.Layout.Datasets), source, RunningHost: false);
    }
}
