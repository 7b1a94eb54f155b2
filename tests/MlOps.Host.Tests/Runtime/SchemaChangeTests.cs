using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Alerts;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Host.Runtime;
using MlOps.Testing;
using Parquet;
using Parquet.Schema;
using static MlOps.Host.Tests.Runtime.RuntimeUploads;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// A challenger whose schema differs from production's never replaces it automatically: the run ends not promoted
/// (or waits for approval where the spec says so) with the differences listed and an alert, production keeps
/// serving its clients, and a manual promotion needs an acknowledgement that the history keeps.
/// </summary>
public sealed class SchemaChangeTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "bc";
    private readonly AzuriteFixture _azurite;

    public SchemaChangeTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Upload_RenamedColumnOrUnrelatedParquetInAutoMode_ProductionUnchangedWithFindingAndAlert()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString);
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        using HttpClient http = Client(runtime);
        await UploadAsync(runtime, $"{Model}/pipeline.json", BinaryData.FromString($$"""{ "label": "diagnosis", "positiveClass": "malignant", {{QuickTraining}} }"""));
        await UploadAsync(runtime, $"{Model}/v1.csv", BreastCancer());
        Assert.Equal(RunStatus.Succeeded, (await WaitForRunAsync(runtime, Model, $"{Model}/v1.csv")).Status);

        // The first column renamed: the same data to a person, another schema to every client of v1.
        await UploadAsync(runtime, $"{Model}/renamed.csv", BreastCancer(skip: 3, header: c => c == "mean_radius" ? "radius_mean" : c));
        RunRecord renamed = await WaitForRunAsync(runtime, Model, $"{Model}/renamed.csv");
        Assert.True(renamed.Status == RunStatus.NotPromoted, $"{renamed.Status}: {renamed.Reason}");
        Assert.Contains("column 'mean_radius' is renamed 'radius_mean'", renamed.Reason, StringComparison.Ordinal);
        Assert.Equal(["column 'mean_radius' is renamed 'radius_mean' (same position, numeric)"], renamed.Decision!.SchemaChanges);
        Assert.DoesNotContain("no production version", string.Join("; ", renamed.Decision.Reasons), StringComparison.Ordinal);
        Assert.Contains(renamed.Decision.Reasons, r => r.StartsWith("production v1 exists but could not be scored on these rows", StringComparison.Ordinal));

        // An unrelated Parquet file that happens to have the label column.
        await UploadAsync(runtime, $"{Model}/unrelated.parquet", BinaryData.FromBytes(await UnrelatedParquetAsync()));
        RunRecord unrelated = await WaitForRunAsync(runtime, Model, $"{Model}/unrelated.parquet");
        Assert.True(unrelated.Status == RunStatus.NotPromoted, $"{unrelated.Status}: {unrelated.Reason}");
        Assert.Contains(unrelated.Decision!.SchemaChanges, d => d == "column 'mean_texture' (numeric) is gone");
        Assert.Contains(unrelated.Decision.SchemaChanges, d => d == "column 'petal_width' (numeric) is new");

        Assert.Equal(1, (await registry.GetAliasAsync(Model, ModelRegistry.Production))!.Version);
        HttpResponseMessage predict = await http.PostAsJsonAsync($"/api/models/{Model}/predict", new[] { FirstRowFeatures() });
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode); // v1's clients keep working
        using (JsonDocument alerts = JsonDocument.Parse(await http.GetStringAsync($"/api/models/{Model}/alerts")))
        {
            JsonElement[] schema = [.. alerts.RootElement.EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "schemaChange")];
            Assert.Equal(new[] { renamed.RunId, unrelated.RunId }.Order(StringComparer.Ordinal), schema.Select(a => a.GetProperty("runId").GetString()!).Order(StringComparer.Ordinal));
            Assert.Contains(schema, a => a.GetProperty("message").GetString()!.Contains("'mean_radius' is renamed 'radius_mean'", StringComparison.Ordinal));
        }

        // By hand: refused without an acknowledgement (nothing recorded), applied and recorded as acknowledged with one.
        int history = (await registry.HistoryAsync(Model)).Count;
        HttpResponseMessage refused = await http.PutAsync($"/api/models/{Model}/aliases/production", Json($$"""{ "version": {{renamed.ModelVersion}}, "reason": "new schema" }"""));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("acknowledgeSchemaChange", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(history, (await registry.HistoryAsync(Model)).Count);
        HttpResponseMessage acknowledged = await http.PutAsync(
            $"/api/models/{Model}/aliases/production", Json($$"""{ "version": {{renamed.ModelVersion}}, "reason": "clients moved", "acknowledgeSchemaChange": true }"""));
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        PromotionRecord promotion = (await registry.HistoryAsync(Model))[0];
        Assert.True(promotion.SchemaChangeAcknowledged);
        Assert.Equal(renamed.Decision.SchemaChanges, promotion.SchemaChanges);
        Assert.Equal(renamed.ModelVersion, (await registry.GetAliasAsync(Model, ModelRegistry.Production))!.Version);
    }

    [Fact]
    public async Task Upload_SchemaChangeWithOnSchemaChangeApproval_WaitsThenApprovalIsRecordedAsAcknowledged()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString);
        var registry = runtime.Services.GetRequiredService<ModelRegistry>();
        using HttpClient http = Client(runtime);
        await UploadAsync(runtime, $"{Model}/pipeline.json", BinaryData.FromString(
            $$"""{ "label": "diagnosis", "positiveClass": "malignant", "deployment": { "onSchemaChange": "approval" }, {{QuickTraining}} }"""));
        await UploadAsync(runtime, $"{Model}/v1.csv", BreastCancer());
        Assert.Equal(RunStatus.Succeeded, (await WaitForRunAsync(runtime, Model, $"{Model}/v1.csv")).Status);

        // Another label: the spec beside the data names it, and the data carries it.
        await UploadAsync(runtime, $"{Model}/pipeline.json", BinaryData.FromString(
            $$"""{ "label": "outcome", "positiveClass": "malignant", "deployment": { "onSchemaChange": "approval" }, {{QuickTraining}} }"""));
        await UploadAsync(runtime, $"{Model}/relabelled-2.csv", BreastCancer(skip: 4, header: c => c == "diagnosis" ? "outcome" : c));
        RunRecord waiting = await WaitForRunAsync(runtime, Model, $"{Model}/relabelled-2.csv", RunStatus.WaitingForApproval);
        Assert.Contains("label 'diagnosis' becomes 'outcome'", waiting.Decision!.SchemaChanges);
        Assert.Equal(1, (await registry.GetAliasAsync(Model, ModelRegistry.Production))!.Version);
        var alerts = runtime.Services.GetRequiredService<AlertPublisher>();
        Assert.Contains(await alerts.ListAsync(Model), a => a.Kind == AlertKind.SchemaChange && a.RunId == waiting.RunId && a.Message.Contains("waits for approval", StringComparison.Ordinal));

        HttpResponseMessage approve = await http.PostAsync($"/api/runs/{waiting.RunId}/approve", Json("""{ "reason": "clients send outcome now", "by": "carol" }"""));
        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        Assert.Equal(RunStatus.Succeeded, (await WaitForRunAsync(runtime, Model, $"{Model}/relabelled-2.csv", RunStatus.Succeeded)).Status);
        PromotionRecord promotion = (await registry.HistoryAsync(Model))[0];
        Assert.Equal("carol", promotion.By);
        Assert.True(promotion.SchemaChangeAcknowledged);
        Assert.Contains("label 'diagnosis' becomes 'outcome'", promotion.SchemaChanges!);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Iris measurements with a made-up "diagnosis": the label the spec wants, nothing else in common with production's data.</summary>
    private static async Task<byte[]> UnrelatedParquetAsync()
    {
        string[] lines = await File.ReadAllLinesAsync(TestData.PathOf("iris.csv"));
        string[] header = lines[0].Split(',');
        string[][] rows = [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];
        DataField<double>[] features = [.. header[..^1].Select(h => new DataField<double>(h))];
        var label = new DataField<string>("diagnosis", true);
        using var stream = new MemoryStream();
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema([.. features, label]), stream))
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            for (int f = 0; f < features.Length; f++)
            {
                await group.WriteAsync<double>(features[f], rows.Select(r => double.Parse(r[f], System.Globalization.CultureInfo.InvariantCulture)).ToArray().AsMemory());
            }

            // Versicolor lies between the other two species on every measurement, so no single column gives the label away (leakage).
            await group.WriteAsync(label, rows.Select(r => r[^1] == "versicolor" ? "malignant" : "benign").ToArray());
        }

        return stream.ToArray();
    }
}
