using System.Globalization;

namespace MlOps.Bench;

/// <summary>
/// CPU time used so far, in seconds, from /proc: by this process, by its running child processes (Azurite), by its
/// finished and reaped ones (wrk), and by the whole machine, so a benchmark can say where the cores went while it ran.
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuSnapshot Now()
    {
        double self = 0, reaped = 0, children = 0;
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid) || ReadStat(pid) is not { } stat)
            {
                continue;
            }

            if (pid == Environment.ProcessId)
            {
                (self, reaped) = (Ticks(stat, 11) + Ticks(stat, 12), Ticks(stat, 13) + Ticks(stat, 14));
            }
            else if (int.Parse(stat[1], CultureInfo.InvariantCulture) == Environment.ProcessId)
            {
                children += Ticks(stat, 11) + Ticks(stat, 12);
            }
        }

        return new CpuSnapshot(self, children, reaped, MachineBusy());
    }

    private static double Ticks(string[] stat, int field) => long.Parse(stat[field], CultureInfo.InvariantCulture) / TicksPerSecond;

    /// <summary>The fields after the parenthesised command name: state, ppid, …, utime, stime, cutime, cstime (11-14).</summary>
    private static string[]? ReadStat(int pid)
    {
        try
        {
            string text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended while listing
        }
    }

    /// <summary>All cores' non-idle time: the first line of /proc/stat less idle and iowait.</summary>
    private static double MachineBusy()
    {
        string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long total = fields.Skip(1).Take(8).Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
        long idle = long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture);
        return (total - idle) / TicksPerSecond;
    }
}
