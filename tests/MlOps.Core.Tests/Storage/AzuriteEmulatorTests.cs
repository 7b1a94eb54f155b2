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
}
