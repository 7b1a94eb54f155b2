using System.Security.Cryptography;
using System.Text;
using MlOps.Core.Artifacts;
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

    private static readonly FeatureLayout Layout = new() { Task = ModelTask.Binary, Label = "y", Columns = ["x", "y"], NumericFeatures = ["x"] };

    private MlOpsStorage _storage = null!;

    private async Task<ModelRegistry> NewRegistryAsync()
    {
        _storage = new MlOpsStorage(new StorageOptions { ConnectionString = _azurite.ConnectionString, Prefix = UniqueName.For("r") });
        await _storage.EnsureCreatedAsync();
        return new ModelRegistry(_storage, new ArtifactStore(_storage), TimeProvider.System);
    }

    private static byte[] Artifact(string runId) => Encoding.UTF8.GetBytes("model of " + runId);

    private static ModelVersionRecord Candidate(string runId, FeatureLayout? layout = null) => new()
    {
        Model = "m1", RunId = runId, ArtifactPath = string.Empty, Sha256 = Convert.ToHexStringLower(SHA256.HashData(Artifact(runId))), Trainer = "FastTree",
        Layout = layout ?? Layout,
    };

    private static Task<ModelVersionRecord> RegisterAsync(ModelRegistry registry, string runId, FeatureLayout? layout = null) =>
        registry.RegisterAsync(Candidate(runId, layout), Artifact(runId));

    [Fact]
    public async Task RegisterAsync_NewRuns_NumbersVersionsInOrder()
    {
        ModelRegistry registry = await NewRegistryAsync();
        Assert.Equal(1, (await RegisterAsync(registry, "m1.a")).Version);
        ModelVersionRecord second = await RegisterAsync(registry, "m1.b");
        Assert.Equal(2, second.Version);
        Assert.Equal("m1/2/model.zip", second.ArtifactPath);
    }

    [Fact]
    public async Task RegisterAsync_SameRunTwice_ReturnsTheFirstVersion()
    {
        ModelRegistry registry = await NewRegistryAsync();
        ModelVersionRecord first = await RegisterAsync(registry, "m1.a");
        ModelVersionRecord again = await RegisterAsync(registry, "m1.a");
        Assert.Equal(first.Version, again.Version);
        Assert.Single(await registry.ListVersionsAsync("m1"));
    }

    [Fact]
    public async Task RegisterAsync_SameRunConcurrentlyBesideAnotherRun_OneVersionPerRun()
    {
        ModelRegistry registry = await NewRegistryAsync();

        // A redelivered deploy can run beside the first attempt of the same run: every attempt at once, and another run too.
        ModelVersionRecord[] attempts = await Task.WhenAll([.. Enumerable.Range(0, 4).Select(_ => RegisterAsync(registry, "m1.a")), RegisterAsync(registry, "m1.b")]);

        Assert.Single(attempts[..4].Select(a => a.Version).Distinct());
        IReadOnlyList<ModelVersionRecord> versions = await registry.ListVersionsAsync("m1");
        Assert.Equal(["m1.a", "m1.b"], versions.Select(v => v.RunId).Order(StringComparer.Ordinal));
        Assert.Equal(attempts[0].Version, versions.Single(v => v.RunId == "m1.a").Version);
        Assert.Equal(attempts[4].Version, versions.Single(v => v.RunId == "m1.b").Version);
        Assert.True((await RegisterAsync(registry, "m1.c")).Version > versions.Max(v => v.Version));
    }

    [Fact]
    public async Task PromoteAsync_StaleExpectation_ThrowsConflictAndKeepsAlias()
    {
        ModelRegistry registry = await NewRegistryAsync();
        await RegisterAsync(registry, "m1.a");
        await RegisterAsync(registry, "m1.b");
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
            await RegisterAsync(registry, $"m1.{i}");
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
        await RegisterAsync(registry, "m1.a");
        await RegisterAsync(registry, "m1.b");
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
        await RegisterAsync(registry, "m1.a");
        await registry.PromoteAsync("m1", ModelRegistry.Production, 1, null, "test", "first");
        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.RollbackAsync("m1", ModelRegistry.Production, "oncall", "x"));
    }

    [Fact]
    public async Task PromoteAsync_UnknownVersion_Throws()
    {
        ModelRegistry registry = await NewRegistryAsync();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.PromoteAsync("m1", ModelRegistry.Production, 9, null, "test", "x"));
    }

    [Fact]
    public async Task RegisterAsync_StoredArtifactFailsItsHash_VersionInvisibleUntilTheRunRegistersAgain()
    {
        ModelRegistry registry = await NewRegistryAsync();
        ModelVersionRecord wrong = Candidate("m1.a") with { Sha256 = new string('0', 64) };

        // The row is numbered before the artifact is checked, as a deploy that stops between the two would leave it.
        await Assert.ThrowsAsync<ArtifactIntegrityException>(() => registry.RegisterAsync(wrong, Artifact("m1.a")));

        Assert.Empty(await registry.ListVersionsAsync("m1"));
        Assert.Null(await registry.GetVersionAsync("m1", 1));
        Assert.Null(await registry.FindByDatasetAsync("m1", string.Empty, 0));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.PromoteAsync("m1", ModelRegistry.Production, 1, null, "test", "half-registered"));
        Assert.Empty(await registry.HistoryAsync("m1"));

        ModelVersionRecord finished = await RegisterAsync(registry, "m1.a"); // the activity runs again: same run, same number
        Assert.Equal(1, finished.Version);
        Assert.Equal(ModelVersionState.Ready, finished.State);
        Assert.Equal(1, Assert.Single(await registry.ListVersionsAsync("m1")).Version);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PromoteAsync_ArtifactMissingOrAltered_RefusedAndNothingRecorded(bool deleted)
    {
        ModelRegistry registry = await NewRegistryAsync();
        ModelVersionRecord version = await RegisterAsync(registry, "m1.a");
        var blob = _storage.Container(_storage.Layout.Models).GetBlobClient(version.ArtifactPath);
        if (deleted)
        {
            await blob.DeleteAsync();
        }
        else
        {
            await blob.UploadAsync(BinaryData.FromString("not the model"), overwrite: true);
        }

        ArtifactIntegrityException refused = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => registry.PromoteAsync("m1", "staging", 1, null, "test", "x"));
        Assert.Equal(deleted, refused.IsMissing);
        Assert.Contains(version.ArtifactPath, refused.Message, StringComparison.Ordinal);
        Assert.Null(await registry.GetAliasAsync("m1", "staging"));
        Assert.Empty(await registry.HistoryAsync("m1"));
    }

    [Theory]
    [InlineData("a#b")]
    [InlineData("a\\b")]
    [InlineData("a\tb")]
    [InlineData("prod uction")]
    [InlineData("Ünï")]
    [InlineData("$x")]
    [InlineData("../x")]
    public async Task PromoteAsync_InvalidAlias_RefusedWithTheRuleAndNothingRecorded(string alias)
    {
        ModelRegistry registry = await NewRegistryAsync();
        await RegisterAsync(registry, "m1.a");
        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(() => registry.PromoteAsync("m1", alias, 1, null, "test", "x"));
        Assert.Contains(AliasName.Rule, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await registry.HistoryAsync("m1"));
        Assert.Empty(await registry.ListAliasesAsync("m1"));
    }

    [Fact]
    public async Task PromoteAsync_SchemaChange_RefusedUnlessAcknowledgedAndThenRecordedAsSuch()
    {
        ModelRegistry registry = await NewRegistryAsync();
        await RegisterAsync(registry, "m1.a");
        await RegisterAsync(registry, "m1.b", Layout with { Columns = ["z", "y"], NumericFeatures = ["z"] });
        await registry.PromoteAsync("m1", ModelRegistry.Production, 1, null, "test", "first");

        SchemaChangeException refused = await Assert.ThrowsAsync<SchemaChangeException>(() => registry.PromoteAsync("m1", ModelRegistry.Production, 2, 1, "test", "renamed"));
        Assert.Equal(["column 'x' is renamed 'z' (same position, numeric)"], refused.Differences);
        Assert.Contains("acknowledgeSchemaChange", refused.Message, StringComparison.Ordinal);
        Assert.Single(await registry.HistoryAsync("m1"));

        PromotionRecord acknowledged = await registry.PromoteAsync("m1", ModelRegistry.Production, 2, 1, "alice", "clients migrated", acknowledgeSchemaChange: true);
        Assert.True(acknowledged.SchemaChangeAcknowledged);
        Assert.Equal(refused.Differences, acknowledged.SchemaChanges);
        PromotionRecord latest = (await registry.HistoryAsync("m1"))[0];
        Assert.True(latest.SchemaChangeAcknowledged);
        Assert.Equal(PromotionOutcome.Applied, latest.Outcome);
        Assert.Equal(2, (await registry.GetAliasAsync("m1", ModelRegistry.Production))!.Version);
    }
}
