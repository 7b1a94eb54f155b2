using System.Diagnostics;

namespace MlOps.Host.Tests.Runtime;

/// <summary>A process id that no longer runs: what a discovery file left behind by a killed host points at.</summary>
public static class EndedProcess
{
    public static async Task<int> IdAsync()
    {
        using Process process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
