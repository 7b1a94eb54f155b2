using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Host.Cli;
using MlOps.Host.Runtime;
using MlOps.Testing;
using static MlOps.Host.Tests.Runtime.RuntimeUploads;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Model names as users write them (underscores, mixed case) train one model under its stored name; names no model
/// can take are refused visibly: the watcher raises an alert instead of dropping the upload, the CLI uploads nothing.
/// </summary>
public sealed class UploadNamingTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public UploadNamingTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Upload_UnderscoresAndMixedCase_OneModelUnderItsStoredName()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["MonitorSchedule"] = "off" });
        using HttpClient http = Client(runtime);
        await UploadAsync(runtime, "Pima_Diabetes/pipeline.json", BinaryData.FromString($$"""{ "label": "diagnosis", {{QuickTraining}} }"""));
        await UploadAsync(runtime, "Pima_Diabetes/data.csv", BreastCancer());

        RunRecord run = await WaitForRunAsync(runtime, "pima_diabetes", "Pima_Diabetes/data.csv");
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Reason}");
        Assert.StartsWith("pima_diabetes.", run.RunId, StringComparison.Ordinal);
        foreach (string written in new[] { "Pima_Diabetes", "pima_diabetes", "PIMA_DIABETES" })
        {
            using JsonDocument model = JsonDocument.Parse(await http.GetStringAsync($"/api/models/{written}"));
            Assert.Equal("pima_diabetes", model.RootElement.GetProperty("model").GetString());
            Assert.Equal(1, model.RootElement.GetProperty("aliases").GetProperty("production").GetInt32());
        }

        HttpResponseMessage predict = await http.PostAsync("/api/models/Pima_Diabetes/predict", new StringContent(JsonSerializer.Serialize(new[] { FirstRowFeatures() })));
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
    }

    [Fact]
    public async Task Upload_NameNoModelCanTake_NoRunAndAnAlertNamingTheRule()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["MonitorSchedule"] = "off" });
        using HttpClient http = Client(runtime);
        string[] ignored = ["pima diabetes/data.csv", "Ünï/data.csv", "data.csv"];
        foreach (string blob in ignored)
        {
            await UploadAsync(runtime, blob, BreastCancer());
        }

        JsonElement[] alerts = await Eventually.ValueAsync(async () =>
        {
            using JsonDocument listed = JsonDocument.Parse(await http.GetStringAsync("/api/alerts/uploads"));
            JsonElement[] found = [.. listed.RootElement.EnumerateArray().Select(a => a.Clone())];
            return found.Length >= ignored.Length ? found : null;
        }, "an alert for each ignored upload", TimeSpan.FromSeconds(30));

        Assert.Equal(ignored.Length, alerts.Length);
        Assert.All(alerts, a => Assert.Equal("uploadIgnored", a.GetProperty("kind").GetString()));
        Assert.Single(alerts, a => a.GetProperty("message").GetString()!.Contains("'pima diabetes' is not a valid model name: " + ModelName.Rule, StringComparison.Ordinal));
        Assert.Single(alerts, a => a.GetProperty("message").GetString()!.Contains("not inside a model folder", StringComparison.Ordinal));
        using JsonDocument models = JsonDocument.Parse(await http.GetStringAsync("/api/models"));
        Assert.Empty(models.RootElement.EnumerateArray());

        // The watcher sees them again on every scan of a new host: still one alert each.
        await using (LocalRuntime again = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Storage:Prefix"] = runtime.Services.GetRequiredService<MlOpsStorage>().Layout.Prefix, ["MonitorSchedule"] = "off",
        }))
        {
            await again.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<BlobWatcher>().Single().ScanAsync(CancellationToken.None);
        }

        using JsonDocument after = JsonDocument.Parse(await http.GetStringAsync("/api/alerts/uploads"));
        Assert.Equal(ignored.Length, after.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task UploadCommand_NameNoModelCanTake_RefusedBeforeUploading()
    {
        string connection = _azurite.ConnectionString;
        string file = Path.Combine(Path.GetTempPath(), UniqueName.For("upload") + ".csv");
        await File.WriteAllTextAsync(file, "x,y\n1,2\n");
        var storage = new MlOpsStorage(new StorageOptions { ConnectionString = connection });
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        try
        {
            Assert.Equal(2, await CliApp.Create().RunAsync(["upload", "pima diabetes", file, "--connection-string", connection]));
            Assert.False((await datasets.GetBlobClient($"pima diabetes/{Path.GetFileName(file)}").ExistsAsync()).Value);

            Assert.Equal(0, await CliApp.Create().RunAsync(["upload", "Pima_Diabetes", file, "--connection-string", connection]));
            BlobClient uploaded = datasets.GetBlobClient($"pima_diabetes/{Path.GetFileName(file)}");
            Assert.True((await uploaded.ExistsAsync()).Value);
            await uploaded.DeleteAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
