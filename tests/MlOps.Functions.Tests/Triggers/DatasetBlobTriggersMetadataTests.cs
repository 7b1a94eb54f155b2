using System.Text.Json;
using MlOps.Functions.Triggers;

namespace MlOps.Functions.Tests.Triggers;

public class DatasetBlobTriggersMetadataTests
{
    private readonly IReadOnlyDictionary<string, JsonElement> _functions = BuildOutput.LoadFunctions();

    [Theory]
    [InlineData(nameof(DatasetBlobTriggers.DatasetUploadedEventGrid), "EventGrid")]
    [InlineData(nameof(DatasetBlobTriggers.DatasetUploadedPolling), null)]
    public void BlobTrigger_DatasetsPath_HasSourceAndDurableClient(string function, string? source)
    {
        Assert.True(_functions.TryGetValue(function, out JsonElement metadata), $"functions.metadata has no function '{function}'.");
        JsonElement trigger = BuildOutput.Binding(metadata, "blobTrigger");
        Assert.Equal("datasets/{model}/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal(source, trigger.TryGetProperty("source", out JsonElement s) ? s.GetString() : null);
        Assert.Null(trigger.TryGetProperty("connection", out JsonElement c) ? c.GetString() : null); // AzureWebJobsStorage, identity-based in Azure
        Assert.Contains("durableClient", BuildOutput.BindingTypes(metadata));
    }

    [Fact]
    public void BlobTriggers_AllFunctions_AreTheDatasetAndScoringSources()
    {
        string[] blobFunctions = _functions.Where(f => BuildOutput.BindingTypes(f.Value).Contains("blobTrigger")).Select(f => f.Key).Order().ToArray();
        Assert.Equal(
            [nameof(DatasetBlobTriggers.DatasetUploadedEventGrid), nameof(DatasetBlobTriggers.DatasetUploadedPolling),
             nameof(ScoringBlobTriggers.ScoringUploadedEventGrid), nameof(ScoringBlobTriggers.ScoringUploadedPolling)],
            blobFunctions);
    }

    [Theory]
    [InlineData(nameof(ScoringBlobTriggers.ScoringUploadedEventGrid), "EventGrid")]
    [InlineData(nameof(ScoringBlobTriggers.ScoringUploadedPolling), null)]
    public void ScoringTrigger_BlobPath_WatchesTheScoringContainer(string function, string? source)
    {
        JsonElement trigger = BuildOutput.Binding(_functions[function], "blobTrigger");
        Assert.Equal(ScoringBlobTriggers.Path, trigger.GetProperty("path").GetString());
        Assert.Equal(source, trigger.TryGetProperty("source", out JsonElement s) ? s.GetString() : null);
    }
}
