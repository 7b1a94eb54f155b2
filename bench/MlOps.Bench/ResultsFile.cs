using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MlOps.Bench;

/// <summary>Keeps bench/RESULTS.md: a machine description plus one section per benchmark, replaced on each run.</summary>
internal static class ResultsFile
{
    public static void Write(string path, string benchmarkName, BenchmarkReport report)
    {
        string existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n";
        string begin = $"<!-- bench:{benchmarkName}:begin -->";
        string end = $"<!-- bench:{benchmarkName}:end -->";
        string section = begin + "\n" + Render(report) + end;

        int start = existing.IndexOf(begin, StringComparison.Ordinal);
        int stop = existing.IndexOf(end, StringComparison.Ordinal);
        string updated = start >= 0 && stop > start
            ? existing[..start] + section + existing[(stop + end.Length)..]
            : existing.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(path, updated);
    }

    public static string Render(BenchmarkReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {report.Title}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {MachineDescription()}.");
        text.AppendLine();
        text.AppendLine("| metric | ours | peer | ratio | target | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (BenchmarkFigure f in report.Figures)
        {
            string met = f.MeetsTarget switch { true => "yes", false => "**no**", null => "" };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Metric} | {f.Ours} | {f.Peer} | {f.Ratio} | {f.Target} | {met} |");
        }

        text.AppendLine();
        if (!string.IsNullOrWhiteSpace(report.Notes))
        {
            text.AppendLine(report.Notes.Trim());
            text.AppendLine();
        }

        return text.ToString();
    }

    public static string MachineDescription()
    {
        string cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            string? model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null)
            {
                cpu = model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        double memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu}), {memoryGiB:F0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    }
}
