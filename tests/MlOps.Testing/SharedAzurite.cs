using MlOps.Core.Storage;

namespace MlOps.Testing;

/// <summary>
/// One real Azurite per test process, on free ports and in memory, started on first use and stopped at exit.
/// Set MLOPS_TEST_STORAGE to a connection string to run the tests against another account instead.
/// </summary>
public static class SharedAzurite
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteEmulator? _emulator;
    private static string? _connectionString;

    public static async Task<string> GetConnectionStringAsync()
    {
        if (_connectionString is not null)
        {
            return _connectionString;
        }

        await Gate.WaitAsync();
        try
        {
            if (_connectionString is null)
            {
                string? configured = Environment.GetEnvironmentVariable("MLOPS_TEST_STORAGE");
                if (string.IsNullOrWhiteSpace(configured))
                {
                    // Normal priority: the test hosts keep both cores busy, and a starved emulator would only make tests time out.
                    _emulator = await AzuriteEmulator.StartAsync(new AzuriteOptions { BlobPort = 0, InMemory = true, BelowNormalPriority = false });
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    configured = _emulator.ConnectionString;
                }

                _connectionString = configured;
            }

            return _connectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}
