using MlOps.Core.Storage;
using MlOps.Testing;

namespace MlOps.Core.Tests.Storage;

public sealed class JsonTableTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public JsonTableTests(AzuriteFixture azurite) => _azurite = azurite;

    private async Task<JsonTable<Note>> NewTableAsync()
    {
        var storage = new MlOpsStorage(new StorageOptions { ConnectionString = _azurite.ConnectionString, Prefix = UniqueName.For("j") });
        await storage.EnsureCreatedAsync();
        return new JsonTable<Note>(storage.Table(storage.Layout.ModelVersions));
    }

    [Fact]
    public async Task AddIfAbsentAsync_NewKey_ReturnsTheStoredEntitysETag()
    {
        JsonTable<Note> table = await NewTableAsync();

        Azure.ETag? added = await table.AddIfAbsentAsync("p", "r", new Note("first"));

        Assert.NotNull(added);
        Assert.Equal((await table.GetAsync("p", "r"))!.ETag, added);
        Assert.Null(await table.AddIfAbsentAsync("p", "r", new Note("second")));
        Assert.Equal("first", (await table.GetAsync("p", "r"))!.Value.Text);
    }

    [Fact]
    public async Task TryDeleteAsync_UnchangedSinceAdded_Deleted()
    {
        JsonTable<Note> table = await NewTableAsync();
        Azure.ETag added = (await table.AddIfAbsentAsync("p", "r", new Note("mine")))!.Value;

        Assert.True(await table.TryDeleteAsync("p", "r", added));

        Assert.Null(await table.GetAsync("p", "r"));
        Assert.True(await table.TryDeleteAsync("p", "r", added)); // already gone is what was asked for
    }

    [Fact]
    public async Task TryDeleteAsync_ChangedByAnotherWriterSinceAdded_RefusedAndKeptAsTheyLeftIt()
    {
        JsonTable<Note> table = await NewTableAsync();
        Azure.ETag added = (await table.AddIfAbsentAsync("p", "r", new Note("mine")))!.Value;
        await table.UpdateAsync("p", "r", _ => new Note("taken up by another writer"));

        Assert.False(await table.TryDeleteAsync("p", "r", added));

        Assert.Equal("taken up by another writer", (await table.GetAsync("p", "r"))!.Value.Text);
    }

    public sealed record Note(string Text);
}
