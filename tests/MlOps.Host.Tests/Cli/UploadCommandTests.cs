using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Host.Cli;
using MlOps.Host.Runtime;
using MlOps.Host.Tests.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Cli;

/// <summary>`mlops upload`: it finds the running host through its discovery file, checks the model name first, prints the run and follows it.</summary>
public sealed class UploadCommandTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public UploadCommandTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Upload_HostFoundThroughDiscoveryFile_UploadsStartsAndFollowsTheRunToItsEnd()
    {
        // The shared Azurite and the API listen on ports chosen at start: nothing here is on a default port.
        string hostFile = Path.Combine(Path.GetTempPath(), UniqueName.For("host") + ".json");
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:DiscoveryFile"] = hostFile });
        Assert.DoesNotContain(":7071", runtime.ApiBaseUrl, StringComparison.Ordinal);
        var cli = new CliHarness(hostFile);
        string folder = Directory.CreateTempSubdirectory("upload").FullName;
        string spec = Path.Combine(folder, "pipeline.json");
        await File.WriteAllTextAsync(spec, """{ "label": "diagnosis", "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 20 } } ] } }""");
        string data = Path.Combine(folder, "data.csv");
        File.Copy(TestData.BreastCancerCsv, data);

        CliRun specUpload = await cli.RunAsync("upload", "bc", spec);
        CliRun upload = await cli.RunAsync("upload", "bc", data, "--wait");

        Assert.True(specUpload.ExitCode == 0, specUpload.ToString());
        Assert.Contains("It applies to the model's next run", specUpload.Output, StringComparison.Ordinal);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        BlobProperties uploaded = await storage.Container(storage.Layout.Datasets).GetBlobClient("bc/data.csv").GetPropertiesAsync();
        Assert.Equal(new FileInfo(data).Length, uploaded.ContentLength);
        using var http = new HttpClient();
        using JsonDocument runs = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{runtime.ApiBaseUrl}/api/models/bc/runs")));
        string runId = runs.RootElement.EnumerateArray().Single().GetProperty("runId").GetString()!;
        Assert.Contains($"Run {runId} ", upload.Output, StringComparison.Ordinal);
        Assert.Contains("ingest: succeeded", upload.Output, StringComparison.Ordinal);
        Assert.Matches(@"ingest: succeeded \(\d+\.\d s\): 569 rows", upload.Output);
        Assert.Matches($@"Run {runId} ended succeeded, version 1: .+\s*$", upload.Output); // the last line: the final status
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Upload_InvalidModelName_RefusedWithTheRuleBeforeAnyUpload()
    {
        string hostFile = Path.Combine(Path.GetTempPath(), UniqueName.For("host") + ".json");
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:DiscoveryFile"] = hostFile });

        CliRun run = await new CliHarness(hostFile).RunAsync("upload", "Bad Name!", TestData.BreastCancerCsv);

        Assert.True(run.ExitCode == CliExitCodes.Usage, run.ToString());
        Assert.StartsWith("mlops: 'Bad Name!' is not a valid model name: " + ModelName.Rule, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        await foreach (BlobItem blob in storage.Container(storage.Layout.Datasets).GetBlobsAsync())
        {
            Assert.Fail($"nothing should have been uploaded, found {blob.Name}");
        }
    }

    [Fact]
    public async Task Upload_DiscoveryFileOfAStoppedHost_ExitsUnreachableNamingIt()
    {
        string hostFile = Path.Combine(Path.GetTempPath(), UniqueName.For("host") + ".json");
        int gone = await EndedProcess.IdAsync();
        HostDiscovery.Write(hostFile, new HostDiscoveryRecord
        {
            ProcessId = gone, ProcessStartedAt = DateTimeOffset.UtcNow, ApiUrl = "http://127.0.0.1:1", BlobEndpoint = "http://127.0.0.1:1/devstoreaccount1",
            DatasetsContainer = "datasets",
        });

        CliRun run = await new CliHarness(hostFile).RunAsync("upload", "bc", TestData.BreastCancerCsv);

        Assert.True(run.ExitCode == CliExitCodes.Unreachable, run.ToString());
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains($"(process {gone}) is no longer running", line, StringComparison.Ordinal);
        Assert.Contains("start it with `mlops serve`", line, StringComparison.Ordinal);
        File.Delete(hostFile);
    }

    [Fact]
    public void Resolve_AccountUrl_UploadsWithEntraIdToItsDatasetsContainer()
    {
        var settings = new UploadCommand.Settings { Model = "bc", File = TestData.BreastCancerCsv, AccountUrl = "https://acct.blob.core.windows.net" };

        UploadTarget target = UploadTarget.Resolve(settings, new CliHarness().Environment);

        Assert.Equal("https://acct.blob.core.windows.net/datasets", target.Container.Uri.ToString());
        Assert.False(target.Container.CanGenerateSasUri, "a shared key would allow SAS; an Entra ID credential does not");
        Assert.False(target.RunningHost);
    }

    [Fact]
    public async Task Upload_AccountUrlWithWaitButNoApi_IsRefusedBeforeUploading()
    {
        CliRun run = await new CliHarness().RunAsync("upload", "bc", TestData.BreastCancerCsv, "--account-url", "https://acct.blob.core.windows.net", "--wait");

        Assert.True(run.ExitCode == CliExitCodes.Usage, run.ToString());
        Assert.StartsWith("mlops: --wait needs the API of the host that watches --account-url", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_MissingFile_IsAUsageError()
    {
        CliRun run = await new CliHarness().RunAsync("upload", "bc", "/no/such/file.csv");

        Assert.True(run.ExitCode == CliExitCodes.Usage, run.ToString());
        Assert.StartsWith("mlops: no file '/no/such/file.csv'", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
