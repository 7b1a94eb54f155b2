using System.ComponentModel;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MlOps.Core.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// `mlops upload &lt;model&gt; &lt;file&gt; [--wait]`: put a dataset (or pipeline.json) into datasets/{model}/ and start its run.
/// </summary>
/// <remarks>
/// The run is started through the API (POST /api/models/{model}/runs) right after the upload rather than by computing
/// its id here: the host owns the rule that names a run after the blob version (container, name, content hash), the
/// call is idempotent with the blob trigger (both name the same run and only the first starts it), and it also works
/// where no trigger listens (blob events not yet subscribed, Host:WatchBlobs off).
/// </remarks>
public sealed class UploadCommand(CliSession session) : ApiCommand<UploadCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        UploadTarget target = UploadTarget.Resolve(settings, Session.Environment);
        string fileName = Path.GetFileName(settings.File);
        string blobName = $"{settings.Model}/{fileName}";
        bool isSpec = fileName.Equals(DatasetBlobName.SpecFileName, StringComparison.OrdinalIgnoreCase);
        bool apiNamed = settings.ApiUrl is not null || Session.Environment.Variable(CliEnvironment.ApiUrlVariable) is not null;
        bool startRun = !isSpec && (target.RunningHost || apiNamed);
        if (settings.Wait && !isSpec && !startRun)
        {
            throw CliException.Usage($"--wait needs the API of the host that watches {target.Source}", "pass --api-url (and --function-key for Azure), or set MLOPS_API_URL");
        }

        long bytes = new FileInfo(settings.File).Length;
        await UploadAsync(target, blobName, settings.File, bytes, settings.Json, cancellationToken);
        string where = $"{target.Container.Name}/{blobName}";
        string uploaded = $"Uploaded {JsonView.Number(bytes)} bytes to [bold]{Markup.Escape(where)}[/] ({Markup.Escape(target.Source)}).";
        var summary = new Dictionary<string, object?> { ["container"] = target.Container.Name, ["blob"] = blobName, ["bytes"] = bytes };
        if (!startRun)
        {
            string next = isSpec
                ? " It applies to the model's next run."
                : " The blob trigger starts its run; pass --api-url (MLOPS_API_URL) to start it here and see its id.";
            return CommandOutput.Line(JsonSerializer.SerializeToElement(summary), uploaded + next);
        }

        JsonElement started;
        try
        {
            started = await api.PostAsync(settings.ModelPath("runs"), JsonSerializer.Serialize(new { blob = blobName }), cancellationToken);
        }
        catch (CliException ex)
        {
            throw new CliException(ex.ExitCode, $"uploaded {where}, but its run could not be started: {ex.Message}", ex.Hint, ex);
        }

        if (!settings.Json)
        {
            Session.Output.Console.MarkupLine(uploaded);
        }

        CommandOutput run = await RunView.StartedAsync(Session.Output, settings.Json, api, started, settings.Wait, cancellationToken);
        if (settings.Wait)
        {
            return run;
        }

        summary["runId"] = JsonView.Field(started, "runId").GetString();
        summary["started"] = JsonView.Field(started, "started").ValueKind == JsonValueKind.True;
        return run with { Json = JsonSerializer.SerializeToElement(summary) };
    }

    private async Task UploadAsync(UploadTarget target, string blobName, string path, long bytes, bool json, CancellationToken cancellationToken)
    {
        BlobClient blob = target.Container.GetBlobClient(blobName);
        async Task SendAsync(IProgress<long>? progress)
        {
            try
            {
                await blob.UploadAsync(path, new BlobUploadOptions { ProgressHandler = progress }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                // A host creates its containers when it first needs them; a first upload may come before that.
                await target.Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await blob.UploadAsync(path, new BlobUploadOptions { ProgressHandler = progress }, cancellationToken);
            }
        }

        try
        {
            if (json)
            {
                await SendAsync(null);
            }
            else
            {
                await Session.Output.Console.Progress().StartAsync(async progress =>
                {
                    ProgressTask bar = progress.AddTask(Markup.Escape($"upload {blobName}"), maxValue: Math.Max(1, bytes));
                    await SendAsync(new Progress<long>(done => bar.Value = done));
                    bar.Value = bar.MaxValue;
                });
            }
        }
        catch (Exception ex) when (ex is RequestFailedException { Status: 0 } or AggregateException { InnerException: RequestFailedException { Status: 0 } })
        {
            throw new CliException(CliExitCodes.Unreachable, $"storage at {target.Container.Uri} ({target.Source}) does not answer",
                "start the local host with `mlops serve`, or check --account-url and your network", ex);
        }
    }

    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<file>")]
        [Description("The CSV or Parquet file to train on (or a pipeline.json for the model's spec); uploaded as datasets/{model}/{file name}.")]
        public string File { get; init; } = string.Empty;

        [CommandOption("--wait")]
        [Description(RunView.WaitDescription)]
        public bool Wait { get; init; }

        [CommandOption("--account-url <URL>")]
        [Description("An Azure storage account's blob endpoint (https://{account}.blob.core.windows.net): upload with your Entra ID sign-in (az login, azd auth login, AZURE_* service principal variables; a managed identity where Azure provides one).")]
        public string? AccountUrl { get; init; }

        [CommandOption("--connection-string <CS>")]
        [Description("A storage connection string to upload with (default: the running host's storage, else Storage:ConnectionString).")]
        public string? ConnectionString { get; init; }

        public override ValidationResult Validate()
        {
            if (!System.IO.File.Exists(File))
            {
                return ValidationResult.Error($"no file '{File}'");
            }

            if (!DatasetBlobName.TryParse($"{Model}/{Path.GetFileName(File)}", out _, out string problem))
            {
                return ValidationResult.Error(problem);
            }

            if (AccountUrl is not null && ConnectionString is not null)
            {
                return ValidationResult.Error("pass --account-url or --connection-string, not both");
            }

            return AccountUrl is not null && !ApiConnection.IsHttpUrl(AccountUrl)
                ? ValidationResult.Error($"--account-url '{AccountUrl}' is not an https URL such as https://account.blob.core.windows.net")
                : base.Validate();
        }
    }
}
