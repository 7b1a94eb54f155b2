using Azure.Storage.Blobs;
using MlOps.Core.Storage;

namespace MlOps.Core.Tests.Storage;

public sealed class AzuriteEmulatorTests
{
    [Fact]
    public async Task StartAsync_FreePorts_ServesBlobsAndStopsOnDispose()
    {
        AzuriteEmulator emulator = await AzuriteEmulator.StartAsync(new AzuriteOptions { BlobPort = 0, InMemory = true });
        int port = emulator.BlobPort;
        try
        {
            Assert.True(emulator.OwnsProcess);
            Assert.Equal(10, NiceValue(emulator.ProcessId!.Value)); // below the host's request threads by default
            var container = new BlobContainerClient(emulator.ConnectionString, "probe");
            await container.CreateAsync();
            await container.GetBlobClient("x.txt").UploadAsync(BinaryData.FromString("hello"));
            Assert.Equal("hello", (await container.GetBlobClient("x.txt").DownloadContentAsync()).Value.Content.ToString());
        }
        finally
        {
            await emulator.DisposeAsync();
        }

        using var probe = new System.Net.Sockets.TcpClient();
        Assert.ThrowsAny<System.Net.Sockets.SocketException>(() => probe.Connect(System.Net.IPAddress.Loopback, port));
    }

    [Fact]
    public async Task StartAsync_BelowNormalPriorityOff_NormalPriority()
    {
        AzuriteEmulator emulator = await AzuriteEmulator.StartAsync(new AzuriteOptions { BlobPort = 0, InMemory = true, BelowNormalPriority = false });
        try
        {
            Assert.Equal(0, NiceValue(emulator.ProcessId!.Value));
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task StopAsync_OnDiskAccount_WritesJustBeforeTheStopSurviveARestartOnTheSamePortsAndFolder()
    {
        string data = Path.Combine(Path.GetTempPath(), MlOps.Testing.UniqueName.For("azurite"));
        var options = new AzuriteOptions
        {
            BlobPort = MlOps.Testing.LoopbackPort.Free(), QueuePort = MlOps.Testing.LoopbackPort.Free(), TablePort = MlOps.Testing.LoopbackPort.Free(),
            DataDirectory = data, BelowNormalPriority = false,
        };
        try
        {
            AzuriteEmulator first = await AzuriteEmulator.StartAsync(options);
            var table = new Azure.Data.Tables.TableClient(first.ConnectionString, "probe");
            var container = new BlobContainerClient(first.ConnectionString, "probe");
            try
            {
                await table.CreateAsync();
                await container.CreateAsync();
                await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("p", "r") { ["Value"] = "kept" });
                await container.GetBlobClient("x.txt").UploadAsync(BinaryData.FromString("kept"));
            }
            finally
            {
                await first.StopAsync(TimeSpan.FromSeconds(10)); // within Azurite's 5 s autosave: only a graceful stop keeps these
                await first.DisposeAsync();
            }

            AzuriteEmulator second = await AzuriteEmulator.StartAsync(options);
            try
            {
                Assert.True(second.OwnsProcess);
                Assert.Equal("kept", (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>("p", "r")).Value.GetString("Value"));
                Assert.Equal("kept", (await container.GetBlobClient("x.txt").DownloadContentAsync()).Value.Content.ToString());
            }
            finally
            {
                await second.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ParentWatchdog_ParentGone_NodeExits()
    {
        using var parent = System.Diagnostics.Process.Start("sleep", "1")!;
        var node = new System.Diagnostics.ProcessStartInfo("node") { UseShellExecute = false, Environment = { ["MLOPS_PARENT_PID"] = parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        foreach (string argument in new[] { "--require", Path.Combine(InfraLocator.Find(), "parent-watchdog.js"), "-e", "setInterval(() => {}, 1000)" })
        {
            node.ArgumentList.Add(argument);
        }

        using var child = System.Diagnostics.Process.Start(node)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await child.WaitForExitAsync(timeout.Token); // a process that would run forever ends once its parent has
            Assert.Equal(0, child.ExitCode);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }

    /// <summary>The nice value of a process's main thread (field 19 of /proc/{pid}/stat).</summary>
    private static int NiceValue(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
