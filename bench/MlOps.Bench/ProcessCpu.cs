using System.Globalization;

namespace MlOps.Bench;

/// <summary>CPU time used so far by this process and by its child processes (Azurite), from /proc, in seconds.</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static (double Self, double Children) Seconds()
    {
        double self = 0, children = 0;
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
            {
                continue;
            }

            (int parent, double used)? stat = Read(pid);
            if (stat is null)
            {
                continue;
            }

            if (pid == Environment.ProcessId)
            {
                self = stat.Value.used;
            }
            else if (stat.Value.parent == Environment.ProcessId)
            {
                children += stat.Value.used;
            }
        }

        return (self, children);
    }

    private static (int Parent, double Used)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // the process ended while listing
        }

        // Fields after the parenthesised command name: state, ppid, ..., utime (14th field), stime (15th).
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture),
            (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
    }
}
