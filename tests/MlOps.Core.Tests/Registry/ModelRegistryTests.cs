using MlOps.Core.Registry;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Training;
using MlOps.Testing;

namespace MlOps.Core.Tests.Registry;

public sealed class ModelRegistryTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public ModelRegistryTests(AzuriteFixture azurite) => _azurite = azurite;

    private async Task<ModelRegistry> NewRegistryAsync()
    {
        var storage = new MlOpsStorage(new StorageOptions { ConnectionString = _azurite.ConnectionString, Prefix = UniqueName.For("r") });
        await storage.EnsureCreatedAsync();
        return new ModelRegistry(storage, TimeProvider.System);
    }

    private static ModelVersionRecord Candidate(string runId) => new()
    {
        Model = "m1", RunId = runId, ArtifactPath = string.Empty, Sha256 = "00", Trainer = "FastTree",
        Layout = new FeatureLayout { Task = ModelTask.Binary, Label = "y", Columns = ["x", "y"], NumericFeatures = ["x"] },
    };

    [Fact]
    public async Task RegisterAsync_NewRuns_NumbersVersionsInOrder()
    {
        ModelRegistry registry = await NewRegistryAsync();
        Assert.Equal(1, (await registry.RegisterAsync(Candidate("m1.a"))).Version);
        ModelVersionRecord second = await registry.RegisterAsync(Candidate("m1.b"));
        Assert.Equal(2, second.Version);
        Assert.Equal("m1/2/model.zip", second.ArtifactPath);
    }

    [Fact]
    public async Task RegisterAsync_SameRunTwice_ReturnsTheFirstVersion()
    {
        ModelRegistry registry = await NewRegistryAsync();
        ModelVersionRecord first = await registry.RegisterAsync(Candidate("m1.a"));
        ModelVersionRecord again = await registry.RegisterAsync(Candidate("m1.a"));
        Assert.Equal(first.Version, again.Version);
        Assert.Single(await registry.ListVersionsAsync("m1"));
    }

    [Fact]
    public async Task PromoteAsync_StaleExpectation_ThrowsConflictAndKeepsAlias()
    {
        ModelRegistry registry = await NewRegistryAsync();
        await registry.RegisterAsync(Candidate("m1.a"));
        await registry.RegisterAsync(Candidate("m1.b"));
        await registry.PromoteAsync("m1", ModelRegistry.Production, 1, null, "test", "first");

        await Assert.ThrowsAsync<PromotionConflictException>(() => registry.PromoteAsync("m1", ModelRegistry.Production, 2, null, "test", "stale"));
        Assert.Equal(1, (await registry.GetAliasAsync("m1", ModelRegistry.Production))!.Version);

        await registry.PromoteAsync("m1", ModelRegistry.Production, 2, 1, "test", "second");
        IReadOnlyList<PromotionRecord> history = await registry.HistoryAsync("m1");
        Assert.Equal([2, 1], history.Select(h => h.ToVersion));
        Assert.Equal(1, history[0].FromVersion);
    }

    [Fact]
    public async Task PromoteAsync_UnknownVersion_Throws()
    {
        ModelRegistry registry = await NewRegistryAsync();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.PromoteAsync("m1", ModelRegistry.Production, 9, null, "test", "x"));
    }
}
