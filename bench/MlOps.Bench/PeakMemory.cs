using System.Globalization;

namespace MlOps.Bench;

/// <summary>This process's peak resident memory (VmHWM), reset between measurements through /proc/self/clear_refs.</summary>
internal static class PeakMemory
{
    /// <summary>
    /// Collects garbage and returns the freed memory to the OS (an aggressive, compacting collection, so what an
    /// earlier measurement left committed does not count against the next), then resets the peak RSS to the current
    /// RSS (writing 5 to clear_refs, Linux 4.0+).
    /// </summary>
    public static void CollectAndReset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The peak RSS since the last reset, in bytes.</summary>
    public static long PeakBytes() => ReadStatusKb("VmHWM") * 1024;

    /// <summary>The current RSS, in bytes.</summary>
    public static long ResidentBytes() => ReadStatusKb("VmRSS") * 1024;

    private static long ReadStatusKb(string field)
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
