using System.Security.Cryptography;
using System.Text;
using MlOps.Core.Artifacts;
using MlOps.Core.Registry;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Activities;

public sealed class ProductionPromoterTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "pp";
    private readonly AzuriteFixture _azurite;

    public ProductionPromoterTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task PromoteAsync_SameRunConcurrently_EveryAttemptPromotedToTheOneVersion()
    {
        ModelRegistry registry = await NewRegistryAsync();
        ModelVersionRecord version = await RegisterAsync(registry, $"{Model}.a");
        var promoter = new ProductionPromoter(registry);

        // A redelivered deploy running beside the first: each attempt sees no production and races to set it.
        DeployResult[] results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => promoter.PromoteAsync(Input($"{Model}.a", version.Version, expected: null))));

        Assert.All(results, r => Assert.True(r.Promoted, r.Reason));
        Assert.Equal(version.Version, (await registry.GetAliasAsync(Model, ModelRegistry.Production))?.Version);
    }

    [Fact]
    public async Task PromoteAsync_ProductionMovedToAnotherVersion_NotPromotedNamingTheRace()
    {
        ModelRegistry registry = await NewRegistryAsync();
        ModelVersionRecord first = await RegisterAsync(registry, $"{Model}.a");
        ModelVersionRecord second = await RegisterAsync(registry, $"{Model}.b");
        await registry.PromoteAsync(Model, ModelRegistry.Production, first.Version, null, "test", "meanwhile");

        DeployResult result = await new ProductionPromoter(registry).PromoteAsync(Input($"{Model}.b", second.Version, expected: null));

        Assert.False(result.Promoted);
        Assert.Contains("changed concurrently", result.Reason, StringComparison.Ordinal);
        Assert.Equal(first.Version, (await registry.GetAliasAsync(Model, ModelRegistry.Production))?.Version);
    }

    private static PromoteInput Input(string runId, int version, int? expected) =>
        new() { RunId = runId, Model = Model, Version = version, ExpectedProduction = expected, By = "pipeline", Reason = "gate passed" };

    private async Task<ModelRegistry> NewRegistryAsync()
    {
        var storage = new MlOpsStorage(new StorageOptions { ConnectionString = _azurite.ConnectionString, Prefix = UniqueName.For("pp") });
        await storage.EnsureCreatedAsync();
        return new ModelRegistry(storage, new ArtifactStore(storage), TimeProvider.System);
    }

    private static Task<ModelVersionRecord> RegisterAsync(ModelRegistry registry, string runId)
    {
        byte[] artifact = Encoding.UTF8.GetBytes("model of " + runId);
        var layout = new FeatureLayout { Task = ModelTask.Binary, Label = "y", Columns = ["x", "y"], NumericFeatures = ["x"] };
        return registry.RegisterAsync(
            new ModelVersionRecord { Model = Model, RunId = runId, ArtifactPath = string.Empty, Sha256 = Convert.ToHexStringLower(SHA256.HashData(artifact)), Trainer = "FastTree", Layout = layout },
            artifact);
    }
}
