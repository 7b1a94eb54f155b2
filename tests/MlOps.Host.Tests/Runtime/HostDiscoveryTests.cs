using System.Diagnostics;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>The discovery file: written by a running host, removed on a clean stop, ignored once its process is gone.</summary>
public sealed class HostDiscoveryTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public HostDiscoveryTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task StartAsync_DiscoveryFileSet_RecordsTheHostUntilItStops()
    {
        string hostFile = Path.Combine(Path.GetTempPath(), UniqueName.For("host") + ".json");
        HostDiscoveryRecord? recorded;
        await using (LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:DiscoveryFile"] = hostFile }))
        {
            recorded = HostDiscovery.ReadLive(hostFile);
            Assert.NotNull(recorded);
            Assert.Equal(runtime.ApiBaseUrl, recorded.ApiUrl);
            Assert.Equal(runtime.ApiKey, recorded.ApiKey);
            Assert.Equal(Environment.ProcessId, recorded.ProcessId);
            Assert.StartsWith("t", recorded.DatasetsContainer, StringComparison.Ordinal); // the test's storage prefix, then "datasets"
            Assert.EndsWith("datasets", recorded.DatasetsContainer, StringComparison.Ordinal);
            Assert.Equal(_azurite.ConnectionString, recorded.ConnectionString); // the emulator's published key may be written
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(hostFile));
            }
        }

        Assert.False(File.Exists(hostFile), "a host that stops cleanly removes its discovery file");
    }

    [Fact]
    public void RemoveIfOwn_FileOfAnotherHost_LeavesIt()
    {
        string hostFile = Path.Combine(Path.GetTempPath(), UniqueName.For("host") + ".json");
        HostDiscovery.Write(hostFile, Record(Environment.ProcessId, CurrentStartTime()) with { ApiUrl = "http://127.0.0.1:2" });

        HostDiscovery.RemoveIfOwn(hostFile, "http://127.0.0.1:1");

        Assert.True(File.Exists(hostFile), "a later host that replaced the file keeps it");
        File.Delete(hostFile);
    }

    [Fact]
    public async Task ReadLive_ProcessGone_IgnoresTheFile()
    {
        string hostFile = Path.Combine(Path.GetTempPath(), UniqueName.For("host") + ".json");
        HostDiscovery.Write(hostFile, Record(await EndedProcess.IdAsync(), DateTimeOffset.UtcNow));

        Assert.Null(HostDiscovery.ReadLive(hostFile));
        Assert.NotNull(HostDiscovery.Read(hostFile)); // still there, for the message that names it
        File.Delete(hostFile);
    }

    [Fact]
    public void ReadLive_ProcessIdReusedByAnotherProcess_IgnoresTheFile()
    {
        string hostFile = Path.Combine(Path.GetTempPath(), UniqueName.For("host") + ".json");
        HostDiscovery.Write(hostFile, Record(Environment.ProcessId, CurrentStartTime().AddMinutes(-5)));

        Assert.Null(HostDiscovery.ReadLive(hostFile));
        HostDiscovery.Write(hostFile, Record(Environment.ProcessId, CurrentStartTime()));
        Assert.NotNull(HostDiscovery.ReadLive(hostFile));
        File.Delete(hostFile);
    }

    private static DateTimeOffset CurrentStartTime()
    {
        using Process self = Process.GetCurrentProcess();
        return self.StartTime.ToUniversalTime();
    }

    private static HostDiscoveryRecord Record(int processId, DateTimeOffset startedAt) => new()
    {
        ProcessId = processId, ProcessStartedAt = startedAt, ApiUrl = "http://127.0.0.1:1", BlobEndpoint = "http://127.0.0.1:1/devstoreaccount1", DatasetsContainer = "datasets",
    };
}
