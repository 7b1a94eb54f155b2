using System.Net;
using System.Net.Sockets;

namespace MlOps.Testing;

/// <summary>Free loopback ports, for processes a test starts and must restart on the same ports.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
