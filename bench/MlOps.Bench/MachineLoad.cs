namespace MlOps.Bench;

/// <summary>The machine's 1-minute load average, for benchmarks that note how busy the shared cores were.</summary>
internal static class MachineLoad
{
    public static string OneMinute() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
