namespace MlOps.Testing;

/// <summary>Class fixture handing a test class the shared Azurite's connection string; fails (never skips) when Azurite cannot start.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync() => ConnectionString = await SharedAzurite.GetConnectionStringAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
