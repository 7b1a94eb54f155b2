using System.ComponentModel;
using Azure.Storage.Blobs;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops upload &lt;model&gt; &lt;file&gt;`: put a dataset (or pipeline.json) into datasets/{model}/, which triggers a run.</summary>
public sealed class UploadCommand : AsyncCommand<UploadCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Refused here, before a byte is uploaded: the host would ignore a blob in a folder no model can take.
        if (!ModelName.TryNormalize(settings.Model, out string? model))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ModelName.Problem(settings.Model)}[/] Nothing was uploaded.");
            return 2;
        }

        IConfiguration configuration = HostConfiguration.Build();
        var storageOptions = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var azurite = configuration.GetSection(AzuriteOptions.SectionName).Get<AzuriteOptions>() ?? new AzuriteOptions();
        storageOptions.ConnectionString = settings.ConnectionString ?? storageOptions.ConnectionString
            ?? AzuriteEmulator.BuildConnectionString(azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        var storage = new MlOpsStorage(storageOptions);
        await storage.EnsureCreatedAsync(cancellationToken);
        string blobName = $"{model}/{Path.GetFileName(settings.File)}";
        BlobClient blob = storage.Container(storage.Layout.Datasets).GetBlobClient(blobName);
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            ProgressTask bar = progress.AddTask($"upload {blobName}", maxValue: new FileInfo(settings.File).Length);
            await blob.UploadAsync(settings.File, new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                ProgressHandler = new Progress<long>(bytes => bar.Value = bytes),
            }, cancellationToken);
            bar.Value = bar.MaxValue;
        });
        AnsiConsole.MarkupLineInterpolated($"Uploaded to [bold]{storage.Layout.Datasets}/{blobName}[/].");
        return 0;
    }

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;

        [CommandArgument(1, "<file>")]
        public string File { get; init; } = string.Empty;

        [CommandOption("--connection-string <CS>")]
        [Description("Storage connection string (default: Storage:ConnectionString, else the local Azurite).")]
        public string? ConnectionString { get; init; }
    }
}
