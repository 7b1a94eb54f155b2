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
        Assert.Equal([PromotionOutcome.Applied, PromotionOutcome.Conflict, PromotionOutcome.Applied], history.Select(h => h.Outcome));
        Assert.Equal([2, 2, 1], history.Select(h => h.ToVersion));
        Assert.Equal(1, history[0].FromVersion);
    }

    [Fact]
    public async Task PromoteAsync_TwoRacingPromotions_ExactlyOneWinsAndBothAreRecorded()
    {
        ModelRegistry registry = await NewRegistryAsync();
        for (int i = 0; i < 3; i++)
        {
            await registry.RegisterAsync(Candidate($"m1.{i}"));
        }

        await registry.PromoteAsync("m1", ModelRegistry.Production, 1, null, "test", "first");
        var outcomes = await Task.WhenAll(new[] { (Version: 2, By: "alice"), (Version: 3, By: "bob") }.Select(async race =>
        {
            try
            {
                return (Won: true, (await registry.PromoteAsync("m1", ModelRegistry.Production, race.Version, 1, race.By, "race")).ToVersion);
            }
            catch (PromotionConflictException)
            {
                return (Won: false, race.Version);
            }
        }));

        Assert.Single(outcomes, o => o.Won);
        Assert.Single(outcomes, o => !o.Won);
        int winner = outcomes.Single(o => o.Won).Item2;
        Assert.Equal(winner, (await registry.GetAliasAsync("m1", ModelRegistry.Production))!.Version);
        IReadOnlyList<PromotionRecord> history = await registry.HistoryAsync("m1");
        Assert.Equal(3, history.Count);
        Assert.Single(history, h => h.Outcome == PromotionOutcome.Conflict);
    }

    [Fact]
    public async Task RollbackAsync_AfterTwoPromotions_ReturnsToPreviousVersion()
    {
        ModelRegistry registry = await NewRegistryAsync();
        await registry.RegisterAsync(Candidate("m1.a"));
        await registry.RegisterAsync(Candidate("m1.b"));
        await registry.PromoteAsync("m1", ModelRegistry.Production, 1, null, "test", "first");
        await registry.PromoteAsync("m1", ModelRegistry.Production, 2, 1, "test", "second");

        PromotionRecord rollback = await registry.RollbackAsync("m1", ModelRegistry.Production, "oncall", "bad predictions");

        Assert.Equal(1, rollback.ToVersion);
        Assert.Equal(2, rollback.FromVersion);
        Assert.Contains("bad predictions", rollback.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await registry.GetAliasAsync("m1", ModelRegistry.Production))!.Version);
    }

    [Fact]
    public async Task RollbackAsync_FirstVersion_NothingToRollBackTo()
    {
        ModelRegistry registry = await NewRegistryAsync();
        await registry.RegisterAsync(Candidate("m1.a"));
        await registry.PromoteAsync("m1", ModelRegistry.Production, 1, null, "test", "first");
        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.RollbackAsync("m1", ModelRegistry.Production, "oncall", "x"));
    }

    [Fact]
    public async Task PromoteAsync_UnknownVersion_Throws()
    {
        ModelRegistry registry = await NewRegistryAsync();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.PromoteAsync("m1", ModelRegistry.Production, 9, null, "test", "x"));
    }
}
