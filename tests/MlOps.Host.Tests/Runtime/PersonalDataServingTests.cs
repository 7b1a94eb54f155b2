using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// A model trained on data with personal columns that its spec hashes (email) and drops (phone): requests may send
/// them, and the prediction log never stores them as sent.
/// </summary>
public sealed class PersonalDataServingTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "patients";
    private const string HashKey = "test-pii-key";
    private readonly AzuriteFixture _azurite;

    public PersonalDataServingTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Predict_SpecHashesAndDropsColumns_LogNeverStoresThemAsSent()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Serving:PiiHashKey"] = HashKey,
            ["Serving:PredictionLogFlushInterval"] = "00:00:00.200",
        });
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        string[] lines = await File.ReadAllLinesAsync(TestData.BreastCancerCsv);
        var csv = new StringBuilder(lines[0]).Append(",email,phone\n");
        for (int i = 1; i < lines.Length; i++)
        {
            csv.Append(lines[i]).Append(CultureInfo.InvariantCulture, $",patient{i}@example.org,+1 555 010 {i:0000}\n");
        }

        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""
            { "label": "diagnosis", "pii": { "email": "hash", "phone": "drop" },
              "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 20 } } ] } }
            """));
        await datasets.GetBlobClient($"{Model}/data.csv").UploadAsync(BinaryData.FromString(csv.ToString()));
        var runs = runtime.Services.GetRequiredService<RunStore>();
        RunRecord run = await Eventually.ValueAsync(
            async () => (await runs.ListAsync(Model)).FirstOrDefault(r => r.Status.IsTerminal()), "the run to finish");
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status} {run.Reason}");

        string[] header = lines[0].Split(',');
        var rows = lines.Skip(1).Take(5).Select((line, i) =>
        {
            var row = header.Zip(line.Split(',')).Where(p => p.First != "diagnosis")
                .ToDictionary(p => p.First, p => (object)double.Parse(p.Second, CultureInfo.InvariantCulture));
            row["email"] = $"someone{i}@example.net";
            row["phone"] = $"+44 20 7946 {i:0000}";
            return row;
        }).ToList();
        using var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl) };
        http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, "test-key");
        HttpResponseMessage response = await http.PostAsJsonAsync($"/api/models/{Model}/predict", rows);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await runtime.Services.GetRequiredService<PredictionLog>().FlushAsync();

        var logged = new List<string>();
        BlobContainerClient predictions = storage.Container(storage.Layout.Predictions);
        await foreach (BlobItem blob in predictions.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{Model}/", CancellationToken.None))
        {
            using var reader = new StreamReader(PredictionLogFormat.OpenLines(await predictions.GetBlobClient(blob.Name).OpenReadAsync(), blob.Name));
            logged.AddRange((await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(5, logged.Count);
        for (int i = 0; i < logged.Count; i++)
        {
            Assert.DoesNotContain("@example.net", logged[i], StringComparison.Ordinal);
            Assert.DoesNotContain("7946", logged[i], StringComparison.Ordinal);
            JsonElement inputs = JsonDocument.Parse(logged[i]).RootElement.GetProperty("inputs");
            Assert.False(inputs.TryGetProperty("phone", out _));
            Assert.True(inputs.TryGetProperty("mean_radius", out _)); // monitoring still has the features
            int row = JsonDocument.Parse(logged[i]).RootElement.GetProperty("row").GetInt32();
            string expected = "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HashKey), Encoding.UTF8.GetBytes($"someone{row}@example.net")));
            Assert.Equal(expected, inputs.GetProperty("email").GetString());
        }
    }
}
