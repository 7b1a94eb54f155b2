using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Host.Tests.Cli;
using MlOps.Testing;
using static MlOps.Host.Tests.Runtime.RuntimeUploads;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Model names as users write them (underscores, mixed case) train one model under its stored name; names no model
/// can take are refused visibly: the watcher raises an alert instead of dropping the upload (the CLI refuses them
/// before uploading: <see cref="Cli.UploadCommandTests"/>).
/// </summary>
public sealed class UploadNamingTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public UploadNamingTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Upload_UnderscoresAndMixedCaseFromTheCli_OneModelUnderItsStoredName()
    {
        string hostFile = Path.Combine(Path.GetTempPath(), UniqueName.For("host") + ".json");
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["MonitorSchedule"] = "off", ["Host:DiscoveryFile"] = hostFile,
        });
        using HttpClient http = Client(runtime);
        string folder = Directory.CreateTempSubdirectory("naming").FullName;
        try
        {
            string spec = Path.Combine(folder, "pipeline.json");
            await File.WriteAllTextAsync(spec, $$"""{ "label": "diagnosis", {{QuickTraining}} }""");
            string data = Path.Combine(folder, "diabetes.csv");
            await File.WriteAllBytesAsync(data, BreastCancer().ToArray());
            var cli = new CliHarness(hostFile);
            Assert.Equal(0, (await cli.RunAsync("upload", "Pima_Diabetes", spec)).ExitCode);
            CliRun upload = await cli.RunAsync("upload", "Pima_Diabetes", data, "--wait");
            Assert.True(upload.ExitCode == 0, upload.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        RunRecord run = await WaitForRunAsync(runtime, "pima_diabetes", "Pima_Diabetes/diabetes.csv");
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
}
